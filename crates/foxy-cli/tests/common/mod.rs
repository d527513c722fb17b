//! Helpers shared by the CLI's integration tests.

use std::io::{ErrorKind, Write as _};
use std::process::{Command, Output, Stdio};

/// Runs `command` with `stdin` as its standard input and collects its
/// output. The command may exit before it reads its input (a usage error
/// is found first): the write then fails with `BrokenPipe`, which is
/// expected and ignored.
pub fn output_with_stdin(command: &mut Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("foxy runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    match input.write_all(stdin) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {}
        Err(e) => panic!("cannot write foxy's standard input: {e}"),
    }
    drop(input);
    child.wait_with_output().expect("foxy finishes")
}
