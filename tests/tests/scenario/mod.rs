//! The Rust runner of the behaviour scenarios: reading a file, running its
//! steps through a blocking client, checking what each step expects.

mod calls;
mod expect;
mod refs;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use foxy::proto::codec;
use foxy::{Client, Map, MediaType, Resource, Value};
use foxy_integration_tests::{background, blocking};
use foxy_sandbox::Config;

/// The keys a step may have.
const STEP_KEYS: &[&str] = &[
    "do", "save", "expect", "rels", "query", "to", "body", "from", "set", "ms",
];

/// The longest a scenario may wait in all.
const MAX_WAIT: Duration = Duration::from_millis(1500);

/// The scenario files of `dir`, in name order.
pub fn files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "json") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// What a scenario's run keeps between steps.
pub struct Run {
    /// The client of this scenario's sandbox.
    pub client: Client,
    /// The sandbox's base URL, without its trailing `/`.
    pub base: String,
    /// Results saved by name.
    pub saved: HashMap<String, Resource>,
}

/// Runs one file; the error names the file, the step and what differed.
pub fn run_file(path: &Path) -> Result<(), String> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let fail = |step: Option<usize>, what: &str, message: String| match step {
        Some(i) => format!("{id} step {i} ({what}): {message}"),
        None => format!("{id}: {message}"),
    };
    let bytes = std::fs::read(path).map_err(|e| fail(None, "", e.to_string()))?;
    let doc = codec::json::parse_value(&bytes).map_err(|e| fail(None, "", e.to_string()))?;
    let doc = doc
        .as_object()
        .ok_or_else(|| fail(None, "", "not a JSON object".into()))?;
    let config = sandbox_config(doc).map_err(|e| fail(None, "", e))?;
    let media = media_type(doc).map_err(|e| fail(None, "", e))?;
    let steps = doc
        .get("steps")
        .and_then(Value::as_array)
        .ok_or_else(|| fail(None, "", "no steps".into()))?;
    let sandbox = background(config);
    let mut run = Run {
        client: blocking(&sandbox, media),
        base: sandbox.base_url().trim_end_matches('/').to_owned(),
        saved: HashMap::new(),
    };
    let mut waited = Duration::ZERO;
    for (i, step) in steps.iter().enumerate() {
        let step = step
            .as_object()
            .ok_or_else(|| fail(Some(i), "?", "not an object".into()))?;
        let what = step.get("do").and_then(Value::as_str).unwrap_or("?");
        run_step(&mut run, step, &mut waited).map_err(|e| fail(Some(i), what, e))?;
    }
    Ok(())
}

fn sandbox_config(doc: &Map) -> Result<Config, String> {
    let mut config = Config::default();
    let Some(options) = doc.get("sandbox") else {
        return Ok(config);
    };
    let options = options.as_object().ok_or("`sandbox` is not an object")?;
    for (key, value) in options {
        match key.as_str() {
            "token_lifetime" => {
                let secs = value
                    .as_i64_lenient()
                    .and_then(|n| u64::try_from(n).ok())
                    .filter(|n| *n >= 1)
                    .ok_or("`token_lifetime` is not a whole number of seconds >= 1")?;
                config = config.with_token_lifetime(Duration::from_secs(secs));
            }
            other => return Err(format!("unknown sandbox option `{other}`")),
        }
    }
    Ok(config)
}

fn media_type(doc: &Map) -> Result<MediaType, String> {
    let Some(options) = doc.get("client") else {
        return Ok(MediaType::HalJson);
    };
    let options = options.as_object().ok_or("`client` is not an object")?;
    let mut media = MediaType::HalJson;
    for (key, value) in options {
        match (key.as_str(), value.as_str()) {
            ("media_type", Some("hal+json")) => media = MediaType::HalJson,
            ("media_type", Some("hal+xml")) => media = MediaType::HalXml,
            ("media_type", Some("siren")) => media = MediaType::Siren,
            _ => return Err(format!("unknown client option `{key}`: {value:?}")),
        }
    }
    Ok(media)
}

fn run_step(run: &mut Run, step: &Map, waited: &mut Duration) -> Result<(), String> {
    if let Some(key) = step.keys().find(|k| !STEP_KEYS.contains(&k.as_str())) {
        return Err(format!("unknown step key `{key}`"));
    }
    let what = step
        .get("do")
        .and_then(Value::as_str)
        .ok_or("no `do` operation")?;
    if what == "wait" {
        let ms = step
            .get("ms")
            .and_then(Value::as_i64_lenient)
            .and_then(|n| u64::try_from(n).ok())
            .ok_or("`wait` needs `ms`")?;
        *waited += Duration::from_millis(ms);
        if *waited > MAX_WAIT {
            return Err("the scenario waits more than 1500 ms".into());
        }
        std::thread::sleep(Duration::from_millis(ms));
        return Ok(());
    }
    let outcome = calls::perform(run, what, step)?;
    if std::env::var_os("SCENARIO_DEBUG").is_some() {
        debug(&outcome);
    }
    let mut expected = match step.get("expect") {
        Some(value) => value
            .as_object()
            .ok_or("`expect` is not an object")?
            .clone(),
        None => Map::new(),
    };
    // References in `expect.props` name results of earlier steps.
    if let Some(props) = expected.get("props") {
        let props = refs::substitute(run, props)?;
        expected.insert("props".to_owned(), props);
    }
    let result = expect::check(&expected, outcome)?;
    if let (Some(name), Some(resource)) = (step.get("save"), result) {
        let name = name.as_str().ok_or("`save` is not a string")?;
        run.saved.insert(name.to_owned(), resource);
    }
    Ok(())
}

/// With `SCENARIO_DEBUG` set: what each call gave, on stderr.
fn debug(outcome: &calls::Outcome) {
    match outcome {
        Ok(calls::Done::Resource(resource)) => match codec::hal_json::write(resource) {
            Ok(bytes) => eprintln!("{}", String::from_utf8_lossy(&bytes)),
            Err(e) => eprintln!("(cannot write the resource: {e})"),
        },
        Ok(calls::Done::Count(count)) => eprintln!("{count} members"),
        Err(error) => eprintln!("error `{}`: {error}", error.kind().code()),
    }
}
