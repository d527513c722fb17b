//! Seed corpora for the fuzz targets, taken from the conformance corpus
//! (`FOXY_CONFORMANCE_DIR`, or `shared/conformance` beside the checkout, as
//! the tests find it), plus the saved inputs under `fuzz/regressions/<target>`
//! and the hand-written ones under `fuzz/seeds/<target>`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::json::{self, Json};

/// The conformance corpus folder; `None` outside CI when it is missing
/// (after saying so), an error under `CI=true`.
pub fn conformance_dir(root: &Path) -> Result<Option<PathBuf>, String> {
    let found = match std::env::var_os("FOXY_CONFORMANCE_DIR") {
        Some(dir) => Some(PathBuf::from(dir)).filter(|d| d.is_dir()),
        None => root
            .ancestors()
            .map(|dir| dir.join("shared").join("conformance"))
            .find(|dir| dir.is_dir()),
    };
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    match found {
        Some(dir) => Ok(Some(dir)),
        None if ci => Err("conformance corpus not found (FOXY_CONFORMANCE_DIR or \
                           ../shared/conformance); under CI=true fuzzing must seed from it"
            .to_owned()),
        None => {
            eprintln!("xtask: conformance corpus not found; seeding from saved inputs only");
            Ok(None)
        }
    }
}

/// The documents of the corpus, read once.
pub struct Corpus {
    /// HAL+JSON documents (seeds, foxy-elements documents, each collection resource).
    hal_json: Vec<(String, Vec<u8>)>,
    /// HAL+XML documents.
    hal_xml: Vec<(String, Vec<u8>)>,
    /// Siren documents.
    siren: Vec<(String, Vec<u8>)>,
    /// `signing/vectors.json`.
    vectors: Option<Json>,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| file_name(p).ends_with(suffix) && p.is_file());
    out.sort();
    out
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

impl Corpus {
    /// Reads the corpus (empty when there is none).
    pub fn load(dir: Option<&Path>) -> Result<Corpus, String> {
        let mut corpus = Corpus {
            hal_json: Vec::new(),
            hal_xml: Vec::new(),
            siren: Vec::new(),
            vectors: None,
        };
        let Some(dir) = dir else {
            return Ok(corpus);
        };
        for path in files(&dir.join("seeds"), "") {
            let name = file_name(&path);
            let bytes = read(&path)?;
            if name.contains("siren") {
                corpus.siren.push((name, bytes));
            } else if name.contains("hal+xml") {
                corpus.hal_xml.push((name, bytes));
            } else {
                corpus.hal_json.push((name, bytes));
            }
        }
        for path in files(&dir.join("foxy-elements/documents"), ".json") {
            corpus
                .hal_json
                .push((format!("doc-{}", file_name(&path)), read(&path)?));
        }
        for path in files(&dir.join("foxy-elements/collections"), ".json") {
            let text = String::from_utf8(read(&path)?)
                .map_err(|_| format!("{}: not utf-8", path.display()))?;
            let all = json::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            for (i, (_, span)) in all.items().iter().enumerate() {
                corpus.hal_json.push((
                    format!("{}-{i}", file_name(&path)),
                    text.as_bytes()[span.clone()].to_vec(),
                ));
            }
        }
        let vectors = dir.join("signing/vectors.json");
        if vectors.is_file() {
            let text = String::from_utf8(read(&vectors)?)
                .map_err(|_| format!("{}: not utf-8", vectors.display()))?;
            corpus.vectors =
                Some(json::parse(&text).map_err(|e| format!("{}: {e}", vectors.display()))?);
        }
        Ok(corpus)
    }

    /// Adds every HAL+JSON document converted to HAL+XML and Siren by
    /// `foxy convert` (the corpus has one document of each of those).
    pub fn add_conversions(&mut self, foxy: &Path) {
        let mut converted = 0;
        for (name, bytes) in &self.hal_json {
            for (to, docs) in [("hal+xml", &mut self.hal_xml), ("siren", &mut self.siren)] {
                if let Some(doc) = convert(foxy, to, bytes) {
                    docs.push((format!("{name}.as.{to}"), doc));
                    converted += 1;
                }
            }
        }
        eprintln!("xtask: {converted} documents converted by foxy convert for the seeds");
    }

    /// The vectors of one section of `signing/vectors.json`.
    fn vectors(&self, section: &str) -> &[(Json, std::ops::Range<usize>)] {
        self.vectors
            .as_ref()
            .and_then(|v| v.get(section))
            .and_then(|s| s.get("vectors"))
            .map_or(&[], Json::items)
    }

    fn url_example(&self) -> Vec<(String, String)> {
        let example = self
            .vectors
            .as_ref()
            .and_then(|v| v.get("hmac_cart_signing"))
            .and_then(|s| s.get("url_example"));
        let field = |name| example.and_then(|e| e.get(name)).and_then(Json::str);
        let key = field("key").unwrap_or_default().to_owned();
        ["input", "output"]
            .into_iter()
            .filter_map(|name| Some((key.clone(), field(name)?.to_owned())))
            .collect()
    }

    /// Every `href` of the JSON documents that carries a query string, once each.
    fn queries(&self) -> BTreeSet<String> {
        fn walk(value: &Json, out: &mut BTreeSet<String>) {
            match value {
                Json::Obj(members) => {
                    for (key, v) in members {
                        if let (true, Some(href)) = (key == "href", v.str())
                            && let Some((_, query)) = href.split_once('?')
                        {
                            out.insert(query.to_owned());
                        }
                        walk(v, out);
                    }
                }
                Json::Arr(items) => items.iter().for_each(|(v, _)| walk(v, out)),
                Json::Str(_) | Json::Atom(_) => {}
            }
        }
        let mut out = BTreeSet::new();
        for (_, bytes) in self.hal_json.iter().chain(&self.siren) {
            if let Ok(doc) = json::parse(&String::from_utf8_lossy(bytes)) {
                walk(&doc, &mut out);
            }
        }
        out
    }

    fn all_documents(&self) -> impl Iterator<Item = &(String, Vec<u8>)> {
        self.hal_json.iter().chain(&self.hal_xml).chain(&self.siren)
    }

    /// The seeds of `target` as (file name, content); `None` for a target
    /// this table does not know (so a new target cannot go unseeded).
    pub fn seeds(&self, target: &str) -> Option<Vec<(String, Vec<u8>)>> {
        let text = |s: &str| s.as_bytes().to_vec();
        let vector = |v: &Json, name: &str| {
            v.get(name)
                .and_then(Json::str)
                .unwrap_or_default()
                .to_owned()
        };
        let atom = |v: &Json, name: &str| match v.get(name) {
            Some(Json::Atom(a)) => a.clone(),
            _ => String::new(),
        };
        let seeds: Vec<(String, Vec<u8>)> = match target {
            "parse_hal_json" => self.hal_json.clone(),
            "parse_hal_xml" => self.hal_xml.clone(),
            "parse_siren" => self.siren.clone(),
            "roundtrip_hal_json" | "roundtrip_hal_xml" | "roundtrip_siren" => {
                self.all_documents().cloned().collect()
            }
            "query_string" => {
                let mut seeds: Vec<_> = self
                    .queries()
                    .into_iter()
                    .enumerate()
                    .map(|(i, q)| (format!("href-{i}"), text(&q)))
                    .collect();
                for (i, (_, url)) in self.url_example().into_iter().enumerate() {
                    let query = url.split_once('?').map_or(url.as_str(), |(_, q)| q).to_owned();
                    seeds.push((format!("cart-link-{i}"), text(&query)));
                }
                seeds
            }
            "webhook_verify" => self
                .vectors("webhook_signature")
                .iter()
                .enumerate()
                .map(|(i, (v, _))| {
                    let seed = format!("{}\n{}\n{}", vector(v, "key"), vector(v, "hex"), vector(v, "body"));
                    (format!("vector-{i}"), text(&seed))
                })
                .collect(),
            "datafeed_decode" => self
                .vectors("rc4")
                .iter()
                .enumerate()
                .map(|(i, (v, _))| (format!("plaintext-{i}"), text(&vector(v, "plaintext"))))
                .collect(),
            "legacy_response" => self.hal_xml.clone(),
            "cart_link_verify" => {
                let mut seeds: Vec<_> = self
                    .url_example()
                    .into_iter()
                    .enumerate()
                    .map(|(i, (key, url))| (format!("example-{i}"), text(&format!("{key}\n{url}"))))
                    .collect();
                for (i, (v, _)) in self.vectors("hmac_cart_signing").iter().enumerate() {
                    let enc = |s: String| s.replace('%', "%25").replace('&', "%26").replace(' ', "+");
                    let url = format!(
                        "{}\nhttps://store.example/cart?code={}&{}={}",
                        vector(v, "key"),
                        enc(vector(v, "code")),
                        enc(vector(v, "name")),
                        enc(vector(v, "value"))
                    );
                    seeds.push((format!("vector-{i}"), text(&url)));
                }
                seeds
            }
            "sso_verify" => self
                .vectors("sso_token")
                .iter()
                .enumerate()
                .map(|(i, (v, _))| {
                    let url = format!(
                        "https://store.example/checkout?fc_customer_id={}&timestamp={}&fc_auth_token={}",
                        atom(v, "customer_id"),
                        atom(v, "timestamp"),
                        vector(v, "hex")
                    );
                    (format!("vector-{i}"), text(&url))
                })
                .collect(),
            "responses" => self
                .hal_json
                .iter()
                .map(|(name, bytes)| {
                    let mut seed = b"application/hal+json\n120\n".to_vec();
                    seed.extend_from_slice(bytes);
                    (name.clone(), seed)
                })
                .collect(),
            "sandbox_body" => {
                let mut seeds = Vec::new();
                for (media, docs) in [
                    ("application/hal+json", &self.hal_json),
                    ("application/hal+xml", &self.hal_xml),
                    ("application/vnd.siren+json", &self.siren),
                ] {
                    for (name, bytes) in docs {
                        let mut seed = format!("{media}\n").into_bytes();
                        seed.extend_from_slice(bytes);
                        seeds.push((name.clone(), seed));
                    }
                }
                seeds
            }
            _ => return None,
        };
        Some(seeds)
    }
}

/// `foxy convert --from hal+json --to <to>` of `doc`, when it succeeds.
fn convert(foxy: &Path, to: &str, doc: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write as _;
    let mut child = std::process::Command::new(foxy)
        .args(["convert", "--from", "hal+json", "--to", to])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(doc).ok()?;
    let out = child.wait_with_output().ok()?;
    out.status.success().then_some(out.stdout)
}

/// Writes `seeds` into `corpus` (as `seed-<name>`), then copies the files of
/// each folder in `saved` (regressions and hand-written seeds) when present.
pub fn write(
    corpus: &Path,
    seeds: &[(String, Vec<u8>)],
    saved: &[PathBuf],
) -> Result<usize, String> {
    fs::create_dir_all(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let mut count = 0;
    for (name, bytes) in seeds {
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = corpus.join(format!("seed-{safe}"));
        fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        count += 1;
    }
    for dir in saved {
        for path in files(dir, "") {
            let dest = corpus.join(format!("saved-{}", file_name(&path)));
            fs::copy(&path, &dest).map_err(|e| format!("{}: {e}", dest.display()))?;
            count += 1;
        }
    }
    Ok(count)
}
