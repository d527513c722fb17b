//! Parse and write throughput of the three codecs, next to serde_json.
//!
//! Two inputs: every document of the conformance corpus (when present), and
//! a generated collection of about 1 MB in HAL+JSON. Each is measured in all
//! three media types; the JSON bytes are also parsed by
//! `serde_json::from_slice::<serde_json::Value>` for comparison, and by
//! `hal_json::parse_located` (the reader through a `Value` tree, what the
//! direct reader falls back to); the ratios are printed at the end.

#![allow(missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use foxy_proto::codec::{self, json};
use foxy_proto::{Link, MediaType, Number, Rel, Resource, Value};

/// The documents of one input, in every media type.
struct Input {
    name: &'static str,
    models: Vec<Resource>,
    encoded: Vec<(MediaType, Vec<Vec<u8>>)>,
}

impl Input {
    fn new(name: &'static str, models: Vec<Resource>) -> Input {
        let encoded = MediaType::RESPONSE_FORMATS
            .iter()
            .map(|&m| {
                let docs = models
                    .iter()
                    .map(|r| codec::write(m, r).expect("corpus documents are writable"))
                    .collect();
                (m, docs)
            })
            .collect();
        Input {
            name,
            models,
            encoded,
        }
    }

    fn bytes(&self, media: MediaType) -> &[Vec<u8>] {
        self.encoded
            .iter()
            .find(|(m, _)| *m == media)
            .map_or(&[], |(_, d)| d.as_slice())
    }
}

fn corpus() -> Vec<Resource> {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let files = foxy_proto::testing::files_with_extensions(&dir.join("foxy-elements"), &[".json"]);
    for path in files {
        let bytes = std::fs::read(&path).expect("readable corpus");
        match json::parse_value(&bytes).expect("valid json") {
            Value::Array(items) => {
                out.extend(
                    items
                        .into_iter()
                        .map(|v| codec::hal_json::from_value(v).expect("hal")),
                );
            }
            doc => out.push(codec::hal_json::from_value(doc).expect("hal")),
        }
    }
    out
}

/// A carts collection with zoomed items, about `target` bytes of HAL+JSON.
fn generated(target: usize) -> Resource {
    let mut page = Resource::new()
        .with_link(
            "self",
            Link::new("https://api.foxycart.com/stores/8/carts").titled("This Collection"),
        )
        .with_link(
            "next",
            Link::new("https://api.foxycart.com/stores/8/carts?offset=300"),
        );
    let mut i = 0u32;
    loop {
        let mut cart = Resource::new()
            .with_link(
                "self",
                Link::new(format!("https://api.foxycart.com/carts/{i}")).titled("This Cart"),
            )
            .with_link(
                Rel::STORE,
                Link::new("https://api.foxycart.com/stores/8").titled("This Store"),
            )
            .with_property(
                "customer_uri",
                format!("https://api.foxycart.com/customers/{i}"),
            )
            .with_property("language", "english \"quoted\" \u{e9}t\u{e9}")
            .with_property(
                "total_item_price",
                Value::Number(format!("{i}.99").parse::<Number>().expect("number")),
            )
            .with_property("total_tax", 0i64)
            .with_property("use_customer_shipping_address", true)
            .with_property("date_created", "2012-02-29T13:55:09-0800")
            .with_property("date_modified", Value::Null);
        for j in 0..3 {
            let item = Resource::new()
                .with_link(
                    "self",
                    Link::new(format!("https://api.foxycart.com/items/{i}{j}")),
                )
                .with_property("name", format!("Sprocket {j}"))
                .with_property(
                    "price",
                    Value::Number("19.99".parse::<Number>().expect("number")),
                )
                .with_property("quantity", i64::from(j + 1))
                .with_property(
                    "options",
                    Value::Array(vec![Value::from("red"), Value::from("xl")]),
                );
            cart.embed(Rel::ITEMS, item);
        }
        page.embed(Rel::CARTS, cart);
        i += 1;
        if i % 50 == 0 && codec::write(MediaType::HalJson, &page).map_or(0, |b| b.len()) >= target {
            break;
        }
    }
    page.with_property("total_items", i.to_string())
        .with_property("returned_items", u64::from(i))
}

fn total(docs: &[Vec<u8>]) -> u64 {
    docs.iter().map(|d| d.len() as u64).sum()
}

fn bench_input(c: &mut Criterion, input: &Input) {
    let mut parse = c.benchmark_group(format!("parse/{}", input.name));
    for (media, docs) in &input.encoded {
        parse.throughput(Throughput::Bytes(total(docs)));
        parse.bench_function(media.short_name(), |b| {
            b.iter(|| {
                for d in docs {
                    black_box(codec::parse(*media, d).expect("parse"));
                }
            })
        });
    }
    let json_docs = input.bytes(MediaType::HalJson);
    parse.throughput(Throughput::Bytes(total(json_docs)));
    parse.bench_function("json::parse_value", |b| {
        b.iter(|| {
            for d in json_docs {
                black_box(json::parse_value(d).expect("parse"));
            }
        })
    });
    parse.bench_function("hal_json::parse_located", |b| {
        b.iter(|| {
            for d in json_docs {
                black_box(codec::hal_json::parse_located(d).expect("parse"));
            }
        })
    });
    parse.bench_function("serde_json::Value", |b| {
        b.iter(|| {
            for d in json_docs {
                black_box(serde_json::from_slice::<serde_json::Value>(d).expect("parse"));
            }
        })
    });
    parse.finish();

    let mut write = c.benchmark_group(format!("write/{}", input.name));
    for (media, docs) in &input.encoded {
        write.throughput(Throughput::Bytes(total(docs)));
        write.bench_function(media.short_name(), |b| {
            b.iter(|| {
                for r in &input.models {
                    black_box(codec::write(*media, r).expect("write"));
                }
            })
        });
    }
    write.finish();
}

/// Seconds per pass of `f`, over at least `budget`.
fn time(budget: Duration, f: &mut dyn FnMut()) -> f64 {
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < budget || runs < 3 {
        f();
        runs += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(runs)
}

/// One timed pass over the documents.
type Pass<'a> = Box<dyn FnMut() + 'a>;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Our own timing loop after criterion's: the variants interleaved, one
/// round of each at a time, so that load from other processes falls on all
/// of them alike; medians of the rounds.
fn print_ratio(input: &Input) {
    let docs = input.bytes(MediaType::HalJson);
    let xml_docs = input.bytes(MediaType::HalXml);
    let mb = total(docs) as f64 / 1e6;
    let xml_mb = total(xml_docs) as f64 / 1e6;
    let rounds = 9;
    let budget = Duration::from_millis(150);
    let mut variants: Vec<(&str, Pass<'_>)> = vec![
        (
            "json::parse_value",
            Box::new(|| {
                for d in docs {
                    black_box(json::parse_value(d).ok());
                }
            }),
        ),
        (
            "hal_json::parse",
            Box::new(|| {
                for d in docs {
                    black_box(codec::parse(MediaType::HalJson, d).ok());
                }
            }),
        ),
        (
            "hal_json::parse_located",
            Box::new(|| {
                for d in docs {
                    black_box(codec::hal_json::parse_located(d).ok());
                }
            }),
        ),
        (
            "serde_json::Value",
            Box::new(|| {
                for d in docs {
                    black_box(serde_json::from_slice::<serde_json::Value>(d).ok());
                }
            }),
        ),
        (
            "hal_xml::parse",
            Box::new(|| {
                for d in xml_docs {
                    black_box(codec::parse(MediaType::HalXml, d).ok());
                }
            }),
        ),
    ];
    let mut times = vec![Vec::new(); variants.len()];
    for _ in 0..rounds {
        for (i, (_, f)) in variants.iter_mut().enumerate() {
            times[i].push(time(budget, f.as_mut()));
        }
    }
    let medians: Vec<f64> = times.into_iter().map(median).collect();
    let serde = medians[3];
    let speeds: Vec<String> = variants
        .iter()
        .zip(&medians)
        .map(|((name, _), t)| {
            let size = if name.starts_with("hal_xml") {
                xml_mb
            } else {
                mb
            };
            format!("{name} {:.0} MB/s", size / t)
        })
        .collect();
    println!(
        "ratio/{}: {}; serde time / foxy time = {:.2} (json), {:.2} (hal+json), {:.2} (hal+json located); \
         HAL+XML MB/s / serde_json MB/s = {:.2}",
        input.name,
        speeds.join(", "),
        serde / medians[0],
        serde / medians[1],
        serde / medians[2],
        (xml_mb / medians[4]) / (mb / serde),
    );
}

fn benches(c: &mut Criterion) {
    let mut inputs = Vec::new();
    let corpus = corpus();
    if !corpus.is_empty() {
        inputs.push(Input::new("corpus", corpus));
    }
    inputs.push(Input::new("collection-1mb", vec![generated(1_000_000)]));
    for input in &inputs {
        bench_input(c, input);
    }
    // `FOXY_BENCH_RATIO=0` leaves the ratios out (for profiling one benchmark).
    if std::env::var_os("FOXY_BENCH_RATIO").is_none_or(|v| v != "0") {
        for input in &inputs {
            print_ratio(input);
        }
    }
}

criterion_group!(codecs, benches);
criterion_main!(codecs);
