//! The legacy XML datafeed end to end: a realistic transaction feed and a
//! subscription feed, encrypted, posted, decrypted and typed.

use foxy_proto::datafeed::{self, DatafeedError, FoxyData};
use foxy_proto::signing::Secret;

const TRANSACTION_FEED: &str = r#"<?xml version='1.0' standalone='yes'?>
<foxydata>
  <datafeed_version>XML FoxyCart Version 2.0</datafeed_version>
  <transactions>
    <transaction>
      <id>616</id>
      <store_id>34</store_id>
      <store_version>2.0</store_version>
      <is_test>1</is_test>
      <is_hidden>0</is_hidden>
      <data_is_fed>0</data_is_fed>
      <transaction_date>2007-05-04 20:53:57</transaction_date>
      <processor_response>Authorize.net Transaction ID:2921433484</processor_response>
      <customer_id>122</customer_id>
      <customer_first_name>Dirk</customer_first_name>
      <customer_last_name>Gently</customer_last_name>
      <customer_company>Holistic Detective Agency</customer_company>
      <customer_address1>12 Peckender St.</customer_address1>
      <customer_address2/>
      <customer_city>London</customer_city>
      <customer_state/>
      <customer_postal_code>N1</customer_postal_code>
      <customer_country>GB</customer_country>
      <customer_phone> </customer_phone>
      <customer_email>dirk.gently@example.com</customer_email>
      <customer_ip>10.1.248.210</customer_ip>
      <shipping_first_name>Richard</shipping_first_name>
      <shipping_city>Cambridge</shipping_city>
      <product_total>21.90</product_total>
      <tax_total>1.50</tax_total>
      <shipping_total>4.00</shipping_total>
      <order_total>27.40</order_total>
      <payment_gateway_type>authorize</payment_gateway_type>
      <custom_fields>
        <custom_field>
          <custom_field_name>How did you hear?</custom_field_name>
          <custom_field_value>Fish &amp; chips shop</custom_field_value>
          <custom_field_is_hidden>0</custom_field_is_hidden>
        </custom_field>
      </custom_fields>
      <discounts>
        <discount>
          <code>SAVE1</code>
          <name>One off</name>
          <amount>-1.00</amount>
          <display>-$1.00</display>
        </discount>
      </discounts>
      <taxes>
        <tax><tax_rate>0.0725</tax_rate><tax_name>VAT</tax_name><tax_amount>1.50</tax_amount></tax>
      </taxes>
      <attributes><attribute><name>fulfilled</name><value>no</value></attribute></attributes>
      <transaction_details>
        <transaction_detail>
          <product_name>Electric Monk</product_name>
          <product_price>10.95</product_price>
          <product_quantity>2</product_quantity>
          <product_weight>1.000</product_weight>
          <product_code>monk-1</product_code>
          <category_code>DEFAULT</category_code>
          <image>https://example.com/monk.png</image>
          <transaction_detail_options>
            <transaction_detail_option>
              <product_option_name>color</product_option_name>
              <product_option_value>red</product_option_value>
              <price_mod>1.50</price_mod>
              <weight_mod>0</weight_mod>
            </transaction_detail_option>
          </transaction_detail_options>
        </transaction_detail>
      </transaction_details>
      <shipto_addresses>
        <shipto_address>
          <address_name>Me</address_name>
          <shipto_first_name>Dirk</shipto_first_name>
          <shipto_city>London</shipto_city>
          <shipto_total>27.40</shipto_total>
        </shipto_address>
      </shipto_addresses>
    </transaction>
  </transactions>
</foxydata>
"#;

const SUBSCRIPTION_FEED: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<foxydata>
  <subscriptions>
    <subscription>
      <id>3</id>
      <store_id>34</store_id>
      <sub_token_url>https://example.foxycart.com/cart?sub_token=abc</sub_token_url>
      <start_date>2024-01-01</start_date>
      <next_transaction_date>2024-02-01</next_transaction_date>
      <end_date>0000-00-00</end_date>
      <frequency>1m</frequency>
      <past_due_amount>19.90</past_due_amount>
      <is_active>1</is_active>
      <customer_id>122</customer_id>
      <customer_email>dirk.gently@example.com</customer_email>
      <transaction_template>
        <order_total>19.90</order_total>
        <transaction_details>
          <transaction_detail><product_name>Monthly Monk</product_name><product_price>19.90</product_price><product_quantity>1</product_quantity></transaction_detail>
        </transaction_details>
      </transaction_template>
      <payment_type>plastic</payment_type>
    </subscription>
  </subscriptions>
</foxydata>
"#;

fn amount(value: Option<rust_decimal::Decimal>) -> Option<String> {
    value.map(|d| d.to_string())
}

#[test]
fn a_posted_transaction_feed_is_typed() {
    let key = Secret::new("my-store-secret");
    let body = format!(
        "FoxyData={}",
        datafeed::encrypt(TRANSACTION_FEED, &key).expect("encrypts")
    );
    let feed = datafeed::decode(datafeed::form_value(body.as_bytes()), &key).expect("decodes");
    assert_eq!(
        feed.datafeed_version.as_deref(),
        Some("XML FoxyCart Version 2.0")
    );
    let tx = &feed.transactions[0];
    assert_eq!(
        (tx.id, tx.store_id, tx.is_test),
        (Some(616), Some(34), Some(true))
    );
    assert_eq!(
        tx.customer.email.as_deref(),
        Some("dirk.gently@example.com")
    );
    assert_eq!(tx.customer.phone.as_deref(), Some(" "));
    assert_eq!(tx.shipping.city.as_deref(), Some("Cambridge"));
    assert_eq!(amount(tx.order_total).as_deref(), Some("27.40"));
    assert_eq!(
        tx.custom_fields[0].value.as_deref(),
        Some("Fish & chips shop")
    );
    assert_eq!(amount(tx.discounts[0].amount).as_deref(), Some("-1.00"));
    assert_eq!(amount(tx.taxes[0].rate).as_deref(), Some("0.0725"));
    let item = &tx.details[0];
    assert_eq!(
        (item.product_quantity, item.product_code.as_deref()),
        (Some(2), Some("monk-1"))
    );
    assert_eq!(amount(item.product_price).as_deref(), Some("10.95"));
    assert_eq!(amount(item.options[0].price_mod).as_deref(), Some("1.50"));
    assert_eq!(item.extra[0].name, "image");
    assert_eq!(tx.shipto_addresses[0].address_name.as_deref(), Some("Me"));
    let extra: Vec<&str> = tx.extra.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(extra, ["customer_ip", "payment_gateway_type"]);
}

#[test]
fn the_typed_feed_is_written_back_without_loss() {
    let feed = FoxyData::parse(TRANSACTION_FEED).expect("parses");
    let xml = feed.to_xml();
    insta::assert_snapshot!(xml);
    assert_eq!(FoxyData::parse(&xml).expect("reparses"), feed);
}

#[test]
fn a_subscription_feed_is_typed() {
    let key = Secret::new("my-store-secret");
    let value = datafeed::encrypt(SUBSCRIPTION_FEED, &key).expect("encrypts");
    let body = format!("FoxySubscriptionData={value}");
    let feed = datafeed::decode(datafeed::form_value(body.as_bytes()), &key).expect("decodes");
    let sub = &feed.subscriptions[0];
    assert_eq!((sub.id, sub.is_active), (Some(3), Some(true)));
    assert_eq!(sub.frequency.as_deref(), Some("1m"));
    assert_eq!(amount(sub.past_due_amount).as_deref(), Some("19.90"));
    assert_eq!(sub.customer.id, Some(122));
    let template = sub.transaction_template.as_ref().expect("template");
    assert_eq!(
        template.details[0].product_name.as_deref(),
        Some("Monthly Monk")
    );
    assert_eq!(sub.extra[0].name, "payment_type");
    assert_eq!(
        datafeed::decode(
            datafeed::encode(&feed, &key).expect("encodes").as_bytes(),
            &key
        ),
        Ok(feed)
    );
}

#[test]
fn bad_input_is_reported_not_returned() {
    let key = Secret::new("my-store-secret");
    let value = datafeed::encrypt(TRANSACTION_FEED, &key).expect("encrypts");
    assert_eq!(
        datafeed::decode(value.as_bytes(), &Secret::new("my-store-secreT")),
        Err(DatafeedError::WrongKey)
    );
    assert_eq!(datafeed::decode(b"", &key), Err(DatafeedError::WrongKey));
    assert_eq!(
        datafeed::decode(value.as_bytes(), &Secret::new("")),
        Err(DatafeedError::EmptyKey)
    );
    let bad_total = TRANSACTION_FEED.replace("<order_total>27.40", "<order_total>27,40");
    let bad = datafeed::encrypt(&bad_total, &key).expect("encrypts");
    assert_eq!(
        datafeed::decode(bad.as_bytes(), &key),
        Err(DatafeedError::InvalidField {
            field: "order_total".into(),
            value: "27,40".into()
        })
    );
    let truncated = datafeed::encrypt(&TRANSACTION_FEED[..400], &key).expect("encrypts");
    assert!(matches!(
        datafeed::decode(truncated.as_bytes(), &key),
        Err(DatafeedError::Xml(_))
    ));
    let message = DatafeedError::WrongKey.to_string();
    assert!(!message.contains("my-store-secret") && !message.ends_with('.'));
}

#[test]
fn the_reply_is_exactly_foxy() {
    assert_eq!(datafeed::REPLY, "foxy");
    assert_eq!(datafeed::reply().body(), b"foxy");
}
