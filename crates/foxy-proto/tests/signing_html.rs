//! HTML signing: links and forms of a fragment, checked against snapshots
//! and against the field hashes.

use foxy_proto::signing::{
    OPEN_VALUE, Secret, SignError, field_hash, sign_html, sign_url, verify_url,
};

const PAGE: &str = r#"<!doctype html>
<html><head><title>Shop <a href="/cart?code=no"></title>
<script>if (a < b && "<form action='/cart'>") {}</script></head>
<body>
<!-- <a href="/cart?code=commented&name=x"> -->
<a class="buy" href="https://example.foxycart.com/cart?name=Cool%20Shirt&amp;code=abc123&amp;price=25.00">Buy</a>
<a href="https://example.com/about?name=x">About</a>
<form action="https://example.foxycart.com/cart" method="post">
  <input type="hidden" name="name" value="Example T-Shirt">
  <input type=hidden name=code value=abc123>
  <input type="hidden" name="price" value="25">
  <input type="text" name="quantity" value="1">
  <select name="size">
    <option value="small{p-2}">Small</option>
    <option>Medium</option>
    <option value="large{p+3}" selected>Large</option>
  </select>
  <label><input type="radio" name="color" value="red"> Red</label>
  <label><input type="radio" name="color" value="blue" checked> Blue</label>
  <input type="checkbox" name="gift_wrap" value="yes">
  <textarea name="engraving">Your text</textarea>
  <input type="hidden" name="2:name" value="Baseball Hat">
  <input type="hidden" name="2:code" value="hat123">
  <input type="hidden" name="2:parent_code" value="abc123">
  <input type="hidden" name="coupon" value="SAVE10">
  <input type="hidden" name="h:referrer" value="newsletter">
  <input type="hidden" name="price||aed2692b1b278b04b974c3c9822e597dc5da880561cf256ab20b2873a5346b66" value="123.00">
  <input type="submit" name="submit" value="Add">
</form>
<form action="/search"><input type="hidden" name="name" value="untouched"></form>
</body></html>
"#;

#[test]
fn signs_links_and_forms() {
    let signed = sign_html(&Secret::new("1"), PAGE).expect("signs");
    insta::assert_snapshot!(signed);
}

#[test]
fn form_fields_carry_the_right_hashes() {
    let secret = Secret::new("1");
    let signed = sign_html(&secret, PAGE).expect("signs");
    let h = |code: &str, parent: &str, name: &str, value: &str| {
        field_hash(&secret, code, parent, name, value)
    };
    for expected in [
        format!(
            r#"name="name||{}""#,
            h("abc123", "", "name", "Example T-Shirt")
        ),
        format!(
            r#"name="quantity||{}||open""#,
            h("abc123", "", "quantity", OPEN_VALUE)
        ),
        format!(
            r#"value="small{{p-2}}||{}""#,
            h("abc123", "", "size", "small{p-2}")
        ),
        format!(
            r#"<option value="Medium||{}">Medium"#,
            h("abc123", "", "size", "Medium")
        ),
        format!(r#"value="blue||{}""#, h("abc123", "", "color", "blue")),
        format!(
            r#"name="gift_wrap||{}""#,
            h("abc123", "", "gift_wrap", "yes")
        ),
        format!(
            r#"name="engraving||{}||open""#,
            h("abc123", "", "engraving", OPEN_VALUE)
        ),
        format!(
            r#"name="2:name||{}""#,
            h("hat123", "abc123", "name", "Baseball Hat")
        ),
        r#"name="coupon" value="SAVE10""#.to_owned(),
        r#"name="h:referrer""#.to_owned(),
        r#"name="submit""#.to_owned(),
        r#"<form action="/search"><input type="hidden" name="name" value="untouched">"#.to_owned(),
        r#"<a href="https://example.com/about?name=x">"#.to_owned(),
        r#"<a href="/cart?code=commented&name=x">"#.to_owned(),
        r#"<title>Shop <a href="/cart?code=no"></title>"#.to_owned(),
    ] {
        assert!(
            signed.contains(&expected),
            "missing {expected}\nin\n{signed}"
        );
    }
}

#[test]
fn signed_links_verify() {
    let secret = Secret::new("1");
    let signed = sign_html(&secret, PAGE).expect("signs");
    let start = signed
        .find("https://example.foxycart.com/cart?name")
        .expect("link");
    let href = &signed[start..start + signed[start..].find('"').expect("quote")];
    let href = href.replace("&amp;", "&");
    assert!(
        verify_url(&secret, &href).expect("verifies").is_valid(),
        "{href}"
    );
    assert_eq!(
        sign_html(&secret, &signed).expect("re-signs"),
        signed,
        "signing twice changes nothing"
    );
}

#[test]
fn forms_without_code_are_errors() {
    let html = r#"<form action="/cart"><input type="hidden" name="name" value="x"></form>"#;
    assert_eq!(
        sign_html(&Secret::new("1"), html),
        Err(SignError::MissingCode { product: 1 })
    );
    let unclosed = r#"<form action="/cart"><input type="hidden" name="2:name" value="x">"#;
    assert_eq!(
        sign_html(&Secret::new("1"), unclosed),
        Err(SignError::MissingCode { product: 2 })
    );
}

#[test]
fn truncated_markup_ends_the_tag_or_the_scan() {
    let secret = Secret::new("1");
    // Nothing complete enough to sign: each fragment comes back as it was.
    for html in [
        "<",
        "<a",
        "<a href=",
        "<form action=/cart><select name=s><option",
        "<!--",
        "<!-- <a href='/cart?code=1'>",
        "<input name=\"x",
    ] {
        assert_eq!(sign_html(&secret, html).as_deref(), Ok(html), "{html:?}");
    }
    // A link cut off inside its href is a tag the end of the input closes:
    // the link is signed as `sign_url` signs it, and its value requoted.
    let signed = sign_url(&secret, "/cart?code=1").expect("a cart link");
    assert!(signed.contains("code||"), "{signed}");
    assert_eq!(
        sign_html(&secret, "<a href='/cart?code=1"),
        Ok(format!("<a href=\"{signed}\""))
    );
}
