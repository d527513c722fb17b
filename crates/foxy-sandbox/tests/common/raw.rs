//! Raw HTTP/1.1 exchanges over TCP, for requests a client library will not send.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use foxy_proto::{MediaType, codec};

/// What a raw exchange answered.
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Answer {
    /// The message of the `fx:errors` document in the body.
    pub fn error_message(&self) -> String {
        assert!(
            self.head.contains("content-type: application/hal+json"),
            "{}",
            self.head
        );
        let res = codec::parse(MediaType::HalJson, &self.body)
            .unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(&self.body)));
        let errs = res.embedded("fx:errors");
        assert_eq!(errs.len(), 1);
        errs[0]
            .property("message")
            .and_then(|v| v.as_str())
            .expect("message")
            .to_owned()
    }
}

/// Sends `head` (and `body`) over a fresh connection and reads the answer to
/// the end: written from another thread, since the server may answer and
/// close before reading everything.
pub fn exchange(base: &str, head: String, body: Vec<u8>) -> Answer {
    let addr = base.trim_start_matches("http://").to_owned();
    let stream = TcpStream::connect(&addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(head.as_bytes());
        let _ = writer.write_all(&body);
    });
    let mut bytes = Vec::new();
    let mut reader = stream;
    let mut chunk = [0u8; 16 * 1024];
    loop {
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(e) if bytes.is_empty() => panic!("no answer: {e}"),
            Err(_) => break,
        }
    }
    let _ = sender.join();
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).to_ascii_lowercase();
    let status = head[9..12].parse().expect("status");
    Answer {
        status,
        head,
        body: bytes[split + 4..].to_vec(),
    }
}

/// A GET of `target` with extra header lines (and `FOXY-API-VERSION: 1`
/// unless they carry one), closing the connection after.
pub fn get(base: &str, target: &str, extra: &str) -> Answer {
    let host = base.trim_start_matches("http://");
    let version = if extra.contains("foxy-api-version") {
        ""
    } else {
        "foxy-api-version: 1\r\n"
    };
    let head = format!(
        "GET {target} HTTP/1.1\r\nhost: {host}\r\n{version}{extra}connection: close\r\n\r\n"
    );
    exchange(base, head, Vec::new())
}
