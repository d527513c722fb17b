"""The installed package: names, typing files, docstrings."""

from __future__ import annotations

import importlib.resources
import inspect

import foxy


def test_import_and_version() -> None:
    assert foxy.__version__ == "0.1.0"
    for name in foxy.__all__:
        assert hasattr(foxy, name), name


def test_typing_files_are_installed() -> None:
    files = importlib.resources.files("foxy")
    assert files.joinpath("py.typed").is_file()
    assert files.joinpath("_foxy.pyi").is_file()


def test_every_public_name_has_a_docstring() -> None:
    for module in (foxy, foxy.signing, foxy.webhook, foxy.sso, foxy.datafeed, foxy.sandbox):
        assert (module.__doc__ or "").strip(), module
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if inspect.ismodule(obj) or isinstance(obj, str):
                continue
            assert (obj.__doc__ or "").strip(), f"{module.__name__}.{name}"


def test_the_extension_is_abi3() -> None:
    assert foxy.Client.__module__ == "foxy"
    libs = [p.name for p in importlib.resources.files("foxy").iterdir() if p.name.startswith("_foxy")]
    assert any(name.endswith(".abi3.so") or name.endswith(".pyd") for name in libs), libs
