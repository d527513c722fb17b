//! The Swift samples of the docs use only names the generated binding has.
//!
//! No Swift toolchain exists on this machine, so the samples in README.md,
//! docs/MOBILE.md and bindings/swift/README.md cannot be compiled. This test
//! checks what it can against the generated `Foxy.swift`: every type the
//! samples construct, every method and enum case they call with its argument
//! labels, and the number of values each `FoxyError` pattern binds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Types and methods of Swift and Foundation the samples may use.
const PLATFORM: &[&str] = &[
    "URLSession",
    "URLRequest",
    "URL",
    "HTTPURLResponse",
    "URLError",
    "Decimal",
    "UInt16",
    "String",
    "Task",
    "data",
    "addValue",
    "map",
    "forEach",
    "print",
    "init",
    "makeAsyncIterator",
];

fn read(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The fenced `swift` blocks of a Markdown text.
fn swift_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_start().starts_with("```")) {
            (None, true) if line.trim_start().starts_with("```swift") => {
                current = Some(String::new())
            }
            (Some(_), true) => blocks.extend(current.take()),
            (Some(block), false) => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

/// `name(` occurrences in `text`: the name, and the text up to the matching `)`.
fn calls(text: &str) -> Vec<(String, String)> {
    let bytes: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for (open, _) in bytes.iter().enumerate().filter(|(_, c)| **c == '(') {
        let start = (0..open)
            .rev()
            .take_while(|&i| bytes[i].is_alphanumeric() || bytes[i] == '_')
            .last();
        let Some(start) = start else { continue };
        let name: String = bytes[start..open].iter().collect();
        let mut depth = 0usize;
        let mut end = open;
        for (i, c) in bytes.iter().enumerate().skip(open) {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        found.push((name, bytes[open + 1..end].iter().collect()));
    }
    found
}

/// The top-level argument labels (`label:`) of an argument list.
fn labels(arguments: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut word = String::new();
    let mut in_string = false;
    for c in arguments.chars() {
        match c {
            '"' => in_string = !in_string,
            _ if in_string => {}
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ':' if depth == 0 && !word.is_empty() => out.push(std::mem::take(&mut word)),
            c if c.is_alphanumeric() || c == '_' => word.push(c),
            _ => word.clear(),
        }
    }
    out
}

/// What `Foxy.swift` declares: type names, and the labels of every
/// function, initializer and enum case by name.
struct Generated {
    types: BTreeSet<String>,
    signatures: BTreeMap<String, Vec<Vec<String>>>,
}

fn generated() -> Generated {
    let source = read("bindings/swift/Sources/Foxy/Foxy.swift");
    // Doc comments sit inside enum cases' parameter lists: drop them.
    let mut code = String::new();
    let mut rest = source.as_str();
    while let Some(start) = rest.find("/**") {
        code.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    code.push_str(rest);
    let mut types = BTreeSet::new();
    for keyword in ["struct ", "class ", "enum ", "protocol "] {
        for piece in code.split(keyword).skip(1) {
            let name: String = piece.chars().take_while(|c| c.is_alphanumeric()).collect();
            types.insert(name);
        }
    }
    let mut signatures: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for (name, arguments) in calls(&code) {
        signatures.entry(name).or_default().push(labels(&arguments));
    }
    Generated { types, signatures }
}

#[test]
fn the_swift_samples_use_only_generated_names() {
    let generated = generated();
    let mut checked = 0;
    let mut problems = Vec::new();
    for doc in ["README.md", "docs/MOBILE.md", "bindings/swift/README.md"] {
        let Ok(text) =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(doc))
        else {
            continue;
        };
        for block in swift_blocks(&text) {
            // Types a sample declares itself (an app's transport).
            let own: BTreeSet<String> = ["class ", "struct "]
                .iter()
                .flat_map(|k| block.split(k).skip(1))
                .map(|piece| piece.chars().take_while(|c| c.is_alphanumeric()).collect())
                .collect();
            for (name, arguments) in calls(&block) {
                if own.contains(&name) {
                    continue;
                }
                if PLATFORM.contains(&name.as_str()) || name.chars().all(|c| !c.is_alphabetic()) {
                    continue;
                }
                let used = labels(&arguments);
                let is_type = name.starts_with(char::is_uppercase);
                // A type is built by one of the generated initializers.
                let mut known = generated.signatures.get(&name).cloned();
                if is_type && generated.types.contains(&name) {
                    let inits = generated
                        .signatures
                        .get("init")
                        .cloned()
                        .unwrap_or_default();
                    known.get_or_insert_with(Vec::new).extend(inits);
                }
                if is_type && !generated.types.contains(&name) && known.is_none() {
                    problems.push(format!("{doc}: `{name}` is not a type of Foxy.swift"));
                    continue;
                }
                let Some(known) = known.as_ref() else {
                    if !is_type {
                        problems.push(format!("{doc}: `{name}(` is not in Foxy.swift"));
                    }
                    continue;
                };
                checked += 1;
                // `FoxyError.Api(let status, ...)`: the pattern binds every value.
                let pattern = arguments.contains("let ") || arguments.trim() == "_";
                let fits = known.iter().any(|declared| {
                    if pattern {
                        declared.len() == arguments.split(',').count()
                    } else {
                        used.iter().all(|label| declared.contains(label))
                    }
                });
                if !fits {
                    problems.push(format!(
                        "{doc}: `{name}({arguments})` fits no declaration: {known:?}"
                    ));
                }
            }
        }
    }
    println!("checked {checked} calls of the Swift samples against Foxy.swift");
    assert!(checked >= 20, "the samples were found ({checked} calls)");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_catches_a_wrong_label_and_an_unknown_name() {
    let generated = generated();
    let charge = generated
        .signatures
        .get("charge")
        .expect("charge is generated");
    assert!(charge.iter().any(|l| l == &["cart", "customer"]));
    assert!(!charge.iter().any(|l| l.contains(&"basket".to_owned())));
    assert!(!generated.types.contains("FoxyClientt"));
    assert_eq!(
        labels("cart: cart, customer: f(x: 1)"),
        ["cart", "customer"]
    );
    assert_eq!(
        swift_blocks("a\n```swift\nlet x = 1\n```\n```\nno\n```\n"),
        ["let x = 1\n"]
    );
}
