//! Rust names for the description's names: types, methods, enum variants.

/// Words Rust reserves; a method with such a name is written `r#word`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Names that cannot be raw identifiers.
const FORBIDDEN: &[&str] = &["crate", "self", "super", "Self", "_"];

/// `sessionLifespanInMinutes` and `session-lifespan` to `session_lifespan_in_minutes`.
pub fn snake(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let trimmed = out.trim_matches('_');
    if trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{trimmed}")
    } else {
        trimmed.to_owned()
    }
}

/// `coupon_codes` to `CouponCodes`.
pub fn pascal(name: &str) -> String {
    snake(name)
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// A method name: snake case, keywords raw (`r#type`); an error for names
/// that can be neither.
pub fn method(name: &str) -> Result<String, String> {
    let snake = snake(name);
    if snake.is_empty() || FORBIDDEN.contains(&snake.as_str()) {
        return Err(format!("`{name}` cannot be a Rust method name"));
    }
    if KEYWORDS.contains(&snake.as_str()) {
        Ok(format!("r#{snake}"))
    } else {
        Ok(snake)
    }
}

/// A method name without the `r#` of a keyword, to build other names from.
pub fn plain(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Text for a `///` comment: brackets and angle brackets escaped, so rustdoc
/// reads no links or HTML into the description's prose.
pub fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            snake("sessionLifespanInMinutes"),
            "session_lifespan_in_minutes"
        );
        assert_eq!(snake("jwtSharedSecret"), "jwt_shared_secret");
        assert_eq!(snake("address1"), "address1");
        assert_eq!(pascal("coupon_codes"), "CouponCodes");
        assert_eq!(pascal("signUp"), "SignUp");
        assert_eq!(method("type"), Ok("r#type".to_owned()));
        assert_eq!(plain("r#type"), "type");
        assert!(method("self").is_err());
        assert_eq!(doc_text("a [b] <c>"), "a \\[b\\] \\<c\\>");
    }
}
