"""The pure helpers and the query record through uniffi's Python bindings
(the same FFI surface Swift and Kotlin see). No network."""

import hashlib
import hmac
import json
import unittest
import urllib.parse

import sandbox  # noqa: F401  (puts the generated module on sys.path)
import foxy


class SigningTest(unittest.TestCase):
    def test_cart_url_is_signed_and_verified(self):
        signed = foxy.sign_cart_url("1", "https://example.foxycart.com/cart?code=mycode&price=123.00")
        self.assertIn(
            "price||aed2692b1b278b04b974c3c9822e597dc5da880561cf256ab20b2873a5346b66=123.00", signed
        )
        report = foxy.verify_cart_url("1", signed)
        self.assertTrue(report.valid)
        self.assertGreaterEqual(report.checked, 1)

        tampered = foxy.verify_cart_url("1", signed.replace("=123.00", "=1.00"))
        self.assertFalse(tampered.valid)
        self.assertEqual(tampered.failures[0].name, "price")
        self.assertEqual(tampered.failures[0].reason, foxy.SignatureFailure.MISMATCH)

    def test_product_without_code_is_refused_without_the_secret_in_the_message(self):
        with self.assertRaises(foxy.FoxyError.InvalidInput) as caught:
            foxy.sign_cart_url("s3cret-store", "https://example.foxycart.com/cart?name=Sprocket&price=1")
        self.assertNotIn("s3cret-store", str(caught.exception))

    def test_html_forms_are_signed(self):
        html = '<a href="https://example.foxycart.com/cart?code=abc&name=Sprocket&price=10">buy</a>'
        signed = foxy.sign_cart_html("1", html)
        self.assertIn("name||", signed)
        self.assertIn("price||", signed)


class WebhookTest(unittest.TestCase):
    def test_signature_matches_hmac_sha256(self):
        body = b'{"id":1}'
        expected = hmac.new(b"key", body, hashlib.sha256).hexdigest()
        self.assertEqual(foxy.webhook_signature("key", body), expected)
        foxy.verify_webhook_signature("key", body, expected.upper())

    def test_verify_reads_the_event_and_rejects_a_wrong_key(self):
        body = b'{"id":2}'
        headers = {
            "foxy-webhook-signature": foxy.webhook_signature("key", body),
            "Foxy-Webhook-Event": "transaction/created",
        }
        self.assertEqual(foxy.verify_webhook("key", headers, body), "transaction/created")
        with self.assertRaises(foxy.FoxyError.Rejected) as caught:
            foxy.verify_webhook("not-the-key", headers, body)
        self.assertNotIn("not-the-key", str(caught.exception))
        with self.assertRaises(foxy.FoxyError.Rejected):
            foxy.verify_webhook_signature("key", body, "zz")


class SsoTest(unittest.TestCase):
    def test_token_and_checkout_url(self):
        secret = "yes, very"
        self.assertEqual(
            foxy.sso_auth_token(secret, 12345, 1585405655), "fe55dd1299ce7db668bd43ee3284e823a84fe3b3"
        )
        url = foxy.sso_checkout_url("example.foxycart.com", secret, 12345, 1585405655, "abc")
        self.assertTrue(url.startswith("https://example.foxycart.com/checkout?fc_customer_id=12345"))
        params = foxy.verify_sso_checkout_url(secret, url, 1585405000)
        self.assertEqual((params.customer_id, params.timestamp, params.fcsid), (12345, 1585405655, "abc"))

    def test_expired_and_forged_links_are_rejected(self):
        url = foxy.sso_checkout_url("example.foxycart.com", "yes, very", 7, 1000, None)
        with self.assertRaises(foxy.FoxyError.Rejected):
            foxy.verify_sso_checkout_url("yes, very", url, 1001)
        with self.assertRaises(foxy.FoxyError.Rejected):
            foxy.verify_sso_checkout_url("other", url, 999)
        with self.assertRaises(foxy.FoxyError.InvalidInput):
            foxy.sso_checkout_url("bad domain/", "yes, very", 7, 1000, None)


class CodecTest(unittest.TestCase):
    def test_documents_convert_with_exact_numbers(self):
        document = json.dumps(
            {"_links": {"self": {"href": "https://api.test/carts/1"}}, "total_order": 19.990}
        ).replace("19.99", "19.990")
        xml = foxy.convert_document(document, foxy.MediaFormat.HAL_JSON, foxy.MediaFormat.HAL_XML)
        self.assertIn("19.990", xml)
        siren = foxy.convert_document(xml, foxy.MediaFormat.HAL_XML, foxy.MediaFormat.SIREN)
        back = foxy.convert_document(siren, foxy.MediaFormat.SIREN, foxy.MediaFormat.HAL_JSON)
        self.assertIn("19.990", back)
        self.assertEqual(json.loads(back)["_links"]["self"]["href"], "https://api.test/carts/1")

    def test_bad_documents_fail_with_a_located_decode_error(self):
        with self.assertRaises(foxy.FoxyError.Decode) as caught:
            foxy.convert_document('{"a": [1, }', foxy.MediaFormat.HAL_JSON, foxy.MediaFormat.HAL_XML)
        self.assertTrue(caught.exception.detail)


class QueryTest(unittest.TestCase):
    def test_query_record_encodes(self):
        query = foxy.Query(
            zoom=["items", "items:item_options"],
            filters=[
                foxy.Filter(property="email", condition=foxy.Condition.EQUALS(value="a@b.test")),
                foxy.Filter(
                    property="total_order",
                    condition=foxy.Condition.COMPARE(operator=foxy.FilterOperator.GREATER_THAN, value="50"),
                ),
                foxy.Filter(property="name", condition=foxy.Condition.EQUALS(value="red"), key="color", on="attributes"),
            ],
            order=["date_created desc"],
            limit=20,
            offset=40,
        )
        pairs = dict(urllib.parse.parse_qsl(foxy.encode_query(query)))
        self.assertEqual(pairs["zoom"], "items,items:item_options")
        self.assertEqual(pairs["email"], "a@b.test")
        self.assertEqual(pairs["total_order:greaterthan"], "50")
        self.assertEqual(pairs["attributes:name[color]"], "red")
        self.assertEqual(pairs["order"], "date_created desc")
        self.assertEqual((pairs["limit"], pairs["offset"]), ("20", "40"))

    def test_invalid_queries_fail_before_any_io(self):
        with self.assertRaises(foxy.FoxyError.InvalidInput) as caught:
            foxy.encode_query(foxy.Query(limit=301))
        self.assertIn("301", caught.exception.detail)
        with self.assertRaises(foxy.FoxyError.InvalidInput):
            foxy.encode_query(
                foxy.Query(filters=[foxy.Filter(property="name", condition=foxy.Condition.MATCHES(pattern="no-wildcard"))])
            )


if __name__ == "__main__":
    unittest.main()
