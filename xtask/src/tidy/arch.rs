//! What `ARCHITECTURE.md` states in machine-readable form, and the modules
//! a crate's `src/lib.rs` declares.
//!
//! In a `## crates/NAME` section:
//! - a paragraph starting `Modules` and ending its first line with `:` is
//!   followed by `- ` bullets; the backticked names before a bullet's first
//!   `: ` (and before a ` (` remark) are modules
//!   (`` - `retry`, `step`: state machines ``), and the
//!   list holds every top-level module of `crates/NAME/src/lib.rs`;
//! - a paragraph starting `Forbidden:` lists, backticked, what no code line
//!   under `crates/NAME/src` may name.

/// One `## crates/NAME` section's checked statements.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Section {
    /// The section's path (`crates/foxy-proto`).
    pub path: String,
    /// The `Modules` list, when the section has one.
    pub modules: Option<Vec<String>>,
    /// The `Forbidden:` names.
    pub forbidden: Vec<String>,
}

/// The `## crates/...` sections of `ARCHITECTURE.md`, in order.
pub fn sections(markdown: &str) -> Vec<Section> {
    let mut out = Vec::new();
    let mut current: Option<Section> = None;
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some(title) = line.strip_prefix("## ") {
            out.extend(current.take());
            let path = title.trim().trim_end_matches('/');
            if path.starts_with("crates/") && !path.contains(' ') {
                current = Some(Section {
                    path: path.to_owned(),
                    ..Section::default()
                });
            }
            continue;
        }
        let Some(section) = current.as_mut() else {
            continue;
        };
        if line.starts_with("Modules") && line.trim_end().ends_with(':') {
            let mut modules = Vec::new();
            while let Some(next) = lines.next_if(|l| !l.trim().is_empty()) {
                if let Some(item) = next.strip_prefix("- ") {
                    let head = item.split(": ").next().unwrap_or(item);
                    let head = head.split(" (").next().unwrap_or(head);
                    modules.extend(backticked(head));
                }
            }
            section.modules = Some(modules);
        } else if line.starts_with("Forbidden:") {
            section.forbidden.extend(backticked(line));
            while let Some(next) = lines.next_if(|l| !l.trim().is_empty()) {
                section.forbidden.extend(backticked(next));
            }
        }
    }
    out.extend(current);
    out
}

/// The `` `names` `` of `text`.
fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The top-level modules `lib_rs` declares (`mod x;`, `pub mod x;`,
/// `pub(crate) mod x {`), `tests` aside.
pub fn declared_modules(lib_rs: &str) -> Vec<String> {
    lib_rs
        .lines()
        .filter_map(|line| {
            let rest = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("mod "))
                .or_else(|| line.strip_prefix("pub(crate) mod "))?;
            let name = rest.split([';', ' ', '{']).next()?;
            (!name.is_empty() && name != "tests").then(|| name.to_owned())
        })
        .collect()
}

/// How the `Modules` list of `section` differs from `declared`, each
/// difference with what to change in `ARCHITECTURE.md`.
pub fn module_problems(section: &Section, declared: &[String]) -> Vec<String> {
    let Some(listed) = &section.modules else {
        return Vec::new();
    };
    let path = &section.path;
    let mut problems = Vec::new();
    for name in declared.iter().filter(|name| !listed.contains(name)) {
        problems.push(format!(
            "{path}/src/lib.rs declares module `{name}`, which ARCHITECTURE.md does not list: \
             add the bullet \"- `{name}`: <what it holds>\" to the `Modules` list under `## {path}` \
             (or add `{name}` to the bullet of its concept)"
        ));
    }
    for name in listed.iter().filter(|name| !declared.contains(name)) {
        problems.push(format!(
            "ARCHITECTURE.md lists module `{name}` under `## {path}`, which {path}/src/lib.rs \
             does not declare: remove `{name}` from that `Modules` list"
        ));
    }
    let mut seen = Vec::new();
    for name in listed {
        if seen.contains(&name) {
            problems.push(format!(
                "ARCHITECTURE.md lists module `{name}` twice under `## {path}`: keep one"
            ));
        }
        seen.push(name);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKDOWN: &str = "# Architecture\n\n\
        ## The path a request takes\n\nModules:\n- `not_a_crate`: ignored\n\n\
        ## crates/foxy-proto\n\nThe sans-IO core.\n\n\
        Modules (one per concept):\n\
        - `value`, `rel`: the model, with `Value` and `Rel`;\n\
        - `codec`: three formats\n  (`hal_json`, `siren`: not modules);\n\
        - `testing` (feature `test-util`): fixtures\n\n\
        Must not depend on: sockets.\n\n\
        ## crates/foxy\n\nForbidden: `quick_xml`,\n`serde_json`.\n\n\
        ## bindings/\n\nForbidden: `not_checked`\n";

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn sections_lists_and_forbidden_names() {
        let found = sections(MARKDOWN);
        assert_eq!(
            found,
            [
                Section {
                    path: "crates/foxy-proto".to_owned(),
                    modules: Some(names(&["value", "rel", "codec", "testing"])),
                    forbidden: Vec::new(),
                },
                Section {
                    path: "crates/foxy".to_owned(),
                    modules: None,
                    forbidden: names(&["quick_xml", "serde_json"]),
                },
            ]
        );
    }

    #[test]
    fn modules_declared_in_lib_rs() {
        let lib = "//! Doc.\n\npub mod value;\nmod rel;\n#[cfg(test)]\nmod tests;\n\
            pub(crate) mod codec {\n    mod inner;\n}\npub use value::Value;\n";
        assert_eq!(declared_modules(lib), names(&["value", "rel", "codec"]));
    }

    #[test]
    fn differences_say_what_to_change() {
        let section = &sections(MARKDOWN)[0];
        let problems = module_problems(section, &names(&["value", "rel", "codec", "flow"]));
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(
            problems[0].contains("declares module `flow`")
                && problems[0].contains("add the bullet \"- `flow`: <what it holds>\"")
                && problems[0].contains("under `## crates/foxy-proto`"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].contains("lists module `testing`")
                && problems[1].contains("remove `testing`"),
            "{}",
            problems[1]
        );
        let all = names(&["value", "rel", "codec", "testing"]);
        assert!(module_problems(section, &all).is_empty());
        assert!(module_problems(&sections(MARKDOWN)[1], &all).is_empty());
    }
}
