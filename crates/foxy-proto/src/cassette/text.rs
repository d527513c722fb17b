//! Byte-preserving scrubbing of JSON and XML text.
//!
//! Only the values of secret fields change: everything else (key order,
//! spacing, numbers) stays byte for byte, so that a replayed body reads
//! exactly like the recorded one. The scanners accept any text (malformed
//! JSON or XML included) and never panic: every slice is taken with `get`.

use super::scrub::SCRUBBED;

/// `text` with the value of every object key for which `is_secret` holds
/// replaced by `"[scrubbed]"`, and the raw values replaced (strings without
/// their quotes).
pub(super) fn scrub_json(text: &str, is_secret: &dyn Fn(&str) -> bool) -> (String, Vec<String>) {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'"' {
            i += 1;
            continue;
        }
        let end = string_end(b, i);
        let key = text.get(i + 1..end.saturating_sub(1)).unwrap_or("");
        let colon = skip_ws(b, end);
        if colon < b.len() && b[colon] == b':' && is_secret(key) {
            let start = skip_ws(b, colon + 1);
            let stop = value_end(b, start);
            if let (Some(before), Some(raw)) = (text.get(copied..start), text.get(start..stop)) {
                let empty = matches!(raw, "\"\"" | "null");
                if stop > start && !empty && raw != format!("\"{SCRUBBED}\"") {
                    out.push_str(before);
                    out.push('"');
                    out.push_str(SCRUBBED);
                    out.push('"');
                    copied = stop;
                    found.push(raw.trim_matches('"').to_owned());
                }
            }
            i = stop.max(end);
            continue;
        }
        i = end;
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    (out, found)
}

/// The index just past the string starting with the quote at `start` (or
/// the end of the text when it is not closed).
fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The index just past the JSON value starting at `start`.
fn value_end(b: &[u8], start: usize) -> usize {
    match b.get(start) {
        None => b.len(),
        Some(b'"') => string_end(b, start),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut i = start;
            while i < b.len() {
                match b[i] {
                    b'"' => {
                        i = string_end(b, i);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            b.len()
        }
        Some(_) => {
            let mut i = start;
            while i < b.len() && !matches!(b[i], b',' | b'}' | b']') && !b[i].is_ascii_whitespace()
            {
                i += 1;
            }
            i
        }
    }
}

/// `text` with the content of every element whose name `is_secret`
/// replaced by `[scrubbed]`, and the contents replaced.
pub(super) fn scrub_xml(text: &str, is_secret: &dyn Fn(&str) -> bool) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = rest.get(open + 1..).unwrap_or("");
        let name_len = after
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(after.len());
        let name = after.get(..name_len).unwrap_or("");
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let self_closing = after.get(..tag_end).is_some_and(|t| t.ends_with('/'));
        let plain = !name.is_empty() && !name.starts_with(['/', '?', '!']);
        let content = after.get(tag_end + 1..).unwrap_or("");
        let close = format!("</{name}>");
        if let (true, false, true, Some(len)) = (
            plain,
            self_closing,
            is_secret(name),
            content.find(close.as_str()),
        ) {
            let head = open + 1 + tag_end + 1;
            out.push_str(rest.get(..head).unwrap_or(""));
            let value = content.get(..len).unwrap_or("");
            if value != SCRUBBED && !value.is_empty() {
                found.push(value.to_owned());
                out.push_str(SCRUBBED);
            } else {
                out.push_str(value);
            }
            rest = content.get(len..).unwrap_or("");
            continue;
        }
        let head = open + 1;
        out.push_str(rest.get(..head).unwrap_or(""));
        rest = after;
    }
    out.push_str(rest);
    (out, found)
}
