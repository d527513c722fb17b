"""Starts the `foxy-sandbox` binary on a free 127.0.0.1 port for the tests.

The binary prints its base URL and seeded credentials on start; they are
read from its first lines. `cargo xtask uniffi` builds it; set
FOXY_SANDBOX_BIN to use another build.
"""

import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[4]
# The generated module and the library it loads, written by `cargo xtask uniffi`.
sys.path.insert(0, str(ROOT / "target" / "uniffi" / "python"))


class Sandbox:
    """A running sandbox: `base_url`, `client_id`, `client_secret`,
    `refresh_token`, `store_secret`; `stop()` ends it."""

    def __init__(self):
        binary = os.environ.get("FOXY_SANDBOX_BIN", str(ROOT / "target" / "debug" / "foxy-sandbox"))
        self.process = subprocess.Popen(
            [binary, "--addr", "127.0.0.1:0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        fields = {}
        for line in self.process.stdout:
            line = line.strip()
            if line.startswith("foxy-sandbox listening on "):
                fields["base_url"] = line.rsplit(" ", 1)[1].rstrip("/") + "/"
            elif ":" in line:
                key, value = line.split(":", 1)
                fields[key.strip()] = value.strip()
            if "customers" in fields:
                break
        missing = {"base_url", "client_id", "client_secret", "refresh_token", "store_secret"} - set(fields)
        if missing:
            self.stop()
            raise RuntimeError(f"the sandbox did not print {sorted(missing)}")
        self.base_url = fields["base_url"]
        self.client_id = fields["client_id"]
        self.client_secret = fields["client_secret"]
        self.refresh_token = fields["refresh_token"]
        self.store_secret = fields["store_secret"]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
