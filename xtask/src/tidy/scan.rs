//! Checks of one source file's text: its `//!` module doc, and the names
//! its code must not use.

/// Whether `text` starts with a `//!` module doc: the first line that is
/// not blank is a `//!` line.
pub fn has_module_doc(text: &str) -> bool {
    text.lines()
        .find(|line| !line.trim().is_empty())
        .is_some_and(|line| line.trim_start().starts_with("//!"))
}

/// The `(line number, name)` of every use of one of `forbidden` in the code
/// of `text`: comment lines (`//`, `///`, `//!`) and the text after a `//`
/// that follows code are not code. A name matches as a whole word (`hmac`
/// matches `hmac::Mac`, not `hmac_sha256`).
pub fn forbidden_uses(text: &str, forbidden: &[String]) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let code = code_part(line);
        for name in forbidden {
            if contains_word(code, name) {
                found.push((index + 1, name.clone()));
            }
        }
    }
    found
}

/// `line` without its comment: the text before a `//` outside a string
/// literal (a `"` preceded by `\` does not end a string, and `'"'` starts
/// none).
fn code_part(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut in_string = false;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if in_string => at += 1,
            b'\'' if !in_string && bytes.get(at + 1..at + 3) == Some(&b"\"'"[..]) => at += 2,
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(at + 1) == Some(&b'/') => return &line[..at],
            _ => {}
        }
        at += 1;
    }
    line
}

/// Whether `name` occurs in `code` as a word: where `name` starts (ends)
/// with an identifier character, the character before (after) is none.
fn contains_word(code: &str, name: &str) -> bool {
    let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let (first, last) = (name.chars().next(), name.chars().next_back());
    code.match_indices(name).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + name.len()..].chars().next();
        let joined_before = ident(first) && ident(before);
        let joined_after = ident(last) && ident(after);
        !joined_before && !joined_after
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_docs() {
        assert!(has_module_doc("//! The module.\n\nuse x;\n"));
        assert!(has_module_doc("\n\n//! After blank lines.\n"));
        assert!(!has_module_doc("// A plain comment.\n//! Too late.\n"));
        assert!(!has_module_doc("#![forbid(unsafe_code)]\n//! Too late.\n"));
        assert!(!has_module_doc("use x;\n"));
        assert!(!has_module_doc(""));
    }

    #[test]
    fn forbidden_names_in_code_only() {
        let forbidden: Vec<String> = [
            "quick_xml",
            "hmac",
            "Request::builder",
            "FOXY-API-VERSION",
            "codec::",
        ]
        .map(str::to_owned)
        .to_vec();
        let text = "//! Not quick_xml: comments are free.\n\
            use quick_xml::Reader;\n\
            let x = hmac_sha256(); // hmac here is a comment\n\
            let u = \"http://a//b\"; let r = http::Request::builder();\n\
            /// hmac in a doc comment\n\
            h.insert(\"FOXY-API-VERSION\", v);\n\
            let s = \"a \\\" quote\"; let q = '\"'; use hmac::Mac;\n\
            let r = foxy_proto::codec::parse(m, b); let c = my_codec::x();\n";
        assert_eq!(
            forbidden_uses(text, &forbidden),
            [
                (2, "quick_xml".to_owned()),
                (4, "Request::builder".to_owned()),
                (6, "FOXY-API-VERSION".to_owned()),
                (7, "hmac".to_owned()),
                (8, "codec::".to_owned()),
            ]
        );
    }
}
