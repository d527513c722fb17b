"""The behaviour suite (``tests/scenarios/*.json``, format in its README) run by the Python binding:
one test per file, in name order, each against a fresh sandbox. Prints ``scenarios: N passed`` once
the module is done (through pytest's terminal reporter, so it shows under the default capture)."""

from __future__ import annotations

import contextlib
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import foxy

SCENARIOS = Path(__file__).resolve().parents[3] / "tests" / "scenarios"
FILES = sorted(SCENARIOS.glob("*.json"))

# The binding's error classes → the error kind codes of ``foxy::ErrorKind``, most specific first,
# for builds whose errors do not carry the kind code as ``code`` yet (an error whose ``code`` is a
# kind code is taken as it is).
ERROR_KINDS: list[tuple[type[BaseException], str]] = [
    (foxy.AmbiguousChargeError, "ambiguous"),
    (foxy.ApiError, "api"),  # RateLimitError too
    (foxy.AuthError, "auth"),  # TokenRejectedError too
    (foxy.RequestTimeout, "timeout"),
    (foxy.TransportError, "transport"),
    (foxy.DecodeError, "decode"),
    (foxy.InvalidInputError, "input"),  # SignatureError too
]
KIND_CODES = {
    "api", "auth", "input", "decode", "model", "missing_link", "transport", "timeout", "policy",
    "legacy", "cart_endpoint", "invalid_base_url", "invalid_token_endpoint",
    "unsupported_media_type", "no_credentials", "transport_setup", "driver_misuse", "ambiguous",
}  # fmt: skip
# Scenarios this binding cannot express yet: file stem → the binding gap (none today).
GAPS: dict[str, str] = {}

STEP_KEYS = {"do", "save", "expect", "rels", "query", "to", "body", "from", "set", "ms"}
EXPECT_KEYS = {"props", "no_props", "links", "no_links", "embedded", "count", "total_items", "error", "status"}
MAX_WAIT_MS = 1500

results = {"passed": 0, "skipped": 0, "failed": 0}


class ScenarioError(Exception):
    """The scenario failed: a step's outcome differed from what it expects, or the file is wrong."""


def kind_of(error: BaseException) -> str | None:
    code = getattr(error, "code", None)
    if isinstance(code, str) and code in KIND_CODES:
        return code
    for cls, kind in ERROR_KINDS:
        if isinstance(error, cls):
            return kind
    return None


@pytest.fixture(scope="module", autouse=True)
def summary(pytestconfig: pytest.Config) -> Iterator[None]:
    yield
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    line = f"scenarios: {results['passed']} passed"
    if results["skipped"]:
        line += f", {results['skipped']} skipped (binding gaps: {'; '.join(f'{k}: {v}' for k, v in GAPS.items())})"
    if results["failed"]:
        line += f", {results['failed']} failed"
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture is not None else contextlib.nullcontext():
        if reporter is not None:
            reporter.write("\n")
            reporter.write_line(line)
        else:
            print(line, file=sys.__stderr__)


def test_there_are_enough_scenarios() -> None:
    assert len(FILES) >= 30, f"only {len(FILES)} scenario files in {SCENARIOS}"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scenario(path: Path) -> None:
    if path.stem in GAPS:
        results["skipped"] += 1
        pytest.skip(f"binding gap: {GAPS[path.stem]}")
    try:
        run_file(path)
    except BaseException:
        results["failed"] += 1
        raise
    results["passed"] += 1


# Running a file ---------------------------------------------------------------------------------


def run_file(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    options: dict[str, Any] = {}
    for key, value in doc.get("sandbox", {}).items():
        if key != "token_lifetime":
            raise ScenarioError(f"{path.stem}: unknown sandbox option {key!r}")
        options["token_lifetime"] = float(value)
    client_options: dict[str, Any] = {}
    for key, value in doc.get("client", {}).items():
        if key != "media_type":
            raise ScenarioError(f"{path.stem}: unknown client option {key!r}")
        client_options["media_type"] = value
    with foxy.sandbox.start(**options) as sb:
        run = Run(sb, client_options)
        waited = 0
        for index, step in enumerate(doc["steps"]):
            what = step.get("do", "?")
            try:
                if what == "wait":
                    waited += int(step["ms"])
                    if waited > MAX_WAIT_MS:
                        raise ScenarioError("the scenario waits more than 1500 ms")
                    time.sleep(int(step["ms"]) / 1000)
                    continue
                run.step(step)
            except ScenarioError as e:
                raise ScenarioError(f"{path.stem} step {index} ({what}): {e}") from None


class Run:
    """A scenario's client and the results saved by name."""

    def __init__(self, sb: foxy.sandbox.Sandbox, client_options: dict[str, Any]) -> None:
        self.base = sb.base_url.rstrip("/")
        self.client = foxy.Client(
            sb.base_url,
            client_id=sb.client_id,
            client_secret=sb.client_secret,
            refresh_token=sb.refresh_token,
            **client_options,
        )
        self.saved: dict[str, foxy.Resource] = {}

    def step(self, step: dict[str, Any]) -> None:
        unknown = set(step) - STEP_KEYS
        if unknown:
            raise ScenarioError(f"unknown step keys {sorted(unknown)}")
        expect = step.get("expect", {})
        unknown = set(expect) - EXPECT_KEYS
        if unknown:
            raise ScenarioError(f"unknown expect keys {sorted(unknown)}")
        try:
            result = self.perform(step)
        except ScenarioError:
            raise
        except foxy.FoxyError as error:
            check_error(expect, error)
            return
        if "error" in expect:
            raise ScenarioError(f"expected an error {expect['error']!r}, the call succeeded")
        if isinstance(result, int):
            if "count" in expect:
                same("count", expect["count"], result)
            return
        # References in ``expect.props`` name results of earlier steps.
        check_resource({**expect, "props": self.substitute(expect.get("props", {}))}, result)
        if "save" in step:
            self.saved[step["save"]] = result

    def perform(self, step: dict[str, Any]) -> foxy.Resource | int:
        what = step.get("do")
        query = to_query(self.substitute(step.get("query", {})))
        client = self.client
        if what == "home":
            return client.home()
        if what == "follow":
            return client.follow(*step["rels"]).get(**query)
        if what == "get":
            return client.get(self.target(step), **query)
        if what == "post":
            return client.post(self.target(step), self.substitute(step["body"]))
        if what == "patch":
            return client.patch(self.target(step), self.substitute(step["body"]))
        if what == "put":
            return client.put(self.target(step), self.document(step))
        if what == "delete":
            return client.delete(self.target(step))
        if what == "list":
            return self.typed(step).list(**query).to_resource()
        if what == "all":
            return sum(1 for _ in self.typed(step).all(**query))
        raise ScenarioError(f"unknown operation {what!r}")

    def typed(self, step: dict[str, Any]) -> Any:
        rels = step["rels"]
        if len(rels) != 2 or rels[0] != "fx:store" or not rels[1].startswith("fx:"):
            raise ScenarioError('rels of list/all must be ["fx:store", "fx:REL"]')
        return getattr(self.client.store(), rels[1].removeprefix("fx:"))

    def target(self, step: dict[str, Any]) -> str:
        to = self.substitute(step["to"])
        if not isinstance(to, str):
            raise ScenarioError("`to` is not a string")
        return self.base + to if to.startswith("/") else to

    def document(self, step: dict[str, Any]) -> foxy.Resource:
        if "from" in step:
            resource = self.saved.get(step["from"])
            if resource is None:
                raise ScenarioError(f"nothing saved as {step['from']!r}")
            for key, value in self.substitute(step.get("set", {})).items():
                resource[key] = value
            return resource
        return foxy.Resource.from_dict(self.substitute(step["body"]))

    def substitute(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith("$"):
            return self.resolve(value)
        if isinstance(value, list):
            return [self.substitute(v) for v in value]
        if isinstance(value, dict):
            return {k: self.substitute(v) for k, v in value.items()}
        return value

    def resolve(self, reference: str) -> Any:
        name, _, part = reference[1:].partition(".")
        saved = self.saved.get(name)
        if saved is None:
            raise ScenarioError(f"{reference}: nothing saved as {name!r}")

        def missing(what: str) -> ScenarioError:
            return ScenarioError(f"{reference}: the saved {name!r} has no {what}")

        if not part:
            if saved.href is None:
                raise missing("self link")
            return saved.href
        if part.startswith("link:"):
            link = saved.link(part.removeprefix("link:"))
            if link is None:
                raise missing(part)
            return link.href
        if part.startswith("prop:"):
            prop = part.removeprefix("prop:")
            if prop not in saved.properties:
                raise missing(part)
            return saved.properties[prop]
        if part.startswith("member:"):
            members = [m for group in saved.embedded.values() for m in group]
            index = int(part.removeprefix("member:"))
            if index >= len(members) or members[index].href is None:
                raise missing(part)
            return members[index].href
        raise ScenarioError(f"{reference}: unknown reference form")


def to_query(spec: dict[str, Any]) -> dict[str, Any]:
    unknown = set(spec) - {"zoom", "fields", "order", "limit", "offset", "filters"}
    if unknown:
        raise ScenarioError(f"unknown query keys {sorted(unknown)}")
    query: dict[str, Any] = {}
    for key in ("zoom", "fields", "order", "limit", "offset"):
        if key in spec:
            query[key] = spec[key]
    if "filters" in spec:
        query["filters"] = {k: str(v) for k, v in spec["filters"].items()}
    return query


# Expectations -----------------------------------------------------------------------------------


def check_error(expect: dict[str, Any], error: foxy.FoxyError) -> None:
    kind = kind_of(error)
    if "error" not in expect:
        raise ScenarioError(f"failed with {kind!r} ({type(error).__name__}): {error}")
    if kind != expect["error"]:
        raise ScenarioError(f"expected error {expect['error']!r}, got {kind!r} ({type(error).__name__}): {error}")
    if "status" in expect and getattr(error, "status", None) != expect["status"]:
        raise ScenarioError(f"expected status {expect['status']}, got {getattr(error, 'status', None)}: {error}")


def check_resource(expect: dict[str, Any], resource: foxy.Resource) -> None:
    props = resource.properties
    for name, want in expect.get("props", {}).items():
        if name not in props:
            raise ScenarioError(f"property {name!r} is absent")
        same(f"property {name!r}", want, props[name])
    for name in expect.get("no_props", []):
        if name in props:
            raise ScenarioError(f"property {name!r} is present")
    for rel in expect.get("links", []):
        if resource.link(rel) is None:
            raise ScenarioError(f"no link {rel!r}")
    for rel in expect.get("no_links", []):
        if resource.link(rel) is not None:
            raise ScenarioError(f"link {rel!r} is present")
    for rel, want in expect.get("embedded", {}).items():
        same(f"embedded {rel!r} count", want, len(resource.embedded_of(rel)))
    if "count" in expect:
        same("member count", expect["count"], sum(len(g) for g in resource.embedded.values()))
    if "total_items" in expect:
        if "total_items" not in props:
            raise ScenarioError("property 'total_items' is absent")
        same("total_items", expect["total_items"], props["total_items"])


def same(what: str, want: Any, got: Any) -> None:
    if not equal(want, got):
        raise ScenarioError(f"{what}: expected {json.dumps(want)}, got {got!r}")


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) or type(value).__name__ == "Decimal"


def equal(want: Any, got: Any) -> bool:
    """JSON equality; two numbers or decimal strings compare by exact decimal value."""
    a, b = decimal_text(want), decimal_text(got)
    if a is not None and b is not None:
        return a == b
    if isinstance(want, list) and isinstance(got, list):
        return len(want) == len(got) and all(equal(x, y) for x, y in zip(want, got))
    if isinstance(want, dict) and isinstance(got, dict):
        return want.keys() == got.keys() and all(equal(v, got[k]) for k, v in want.items())
    return type(want) is type(got) and want == got


DECIMAL = re.compile(r"^(-?)(\d+)(?:\.(\d*))?$")


def decimal_text(value: Any) -> str | None:
    """The canonical text of a decimal number or numeric string (``"24.990"`` → ``24.99``)."""
    if isinstance(value, bool) or not (is_number(value) or isinstance(value, str)):
        return None
    match = DECIMAL.match(str(value).strip())
    if match is None:
        return None
    sign, whole, fraction = match.group(1), match.group(2).lstrip("0") or "0", (match.group(3) or "").rstrip("0")
    text = f"{whole}.{fraction}" if fraction else whole
    return text if text == "0" or not sign else f"-{text}"
