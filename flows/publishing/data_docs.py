"""The quality gate's Data Docs: one Great Expectations site per warehouse, offline.

Where: ``<data docs>/<warehouse key>/`` (the key `flows.storage.failures.warehouse_key`
gives, as for the spooled run rows), so runs against different warehouses never mix and
every run of one warehouse adds its validations to the same site, whose index lists them
all. GE's index lists only the pages whose validation result its store still holds, so
the validation results are kept in a filesystem store beside the pages
(``<site>/results/``) instead of in memory. A run's ``data_docs`` link is the page of its
first failing validation (agents, teams, input files), or of its agents' validation when
it passed; that page is never rewritten by a later run (its path holds the run id).

Offline: GE's page templates load Bootstrap, jQuery, Vega and the rest from CDNs and the
logo from S3. GE lets a site name the view class that renders its pages
(``site_section_builders.<section>.view`` and ``site_index_builder.view``, each a
``module_name``/``class_name``), so the site names `OfflinePageView` and
`OfflineIndexPageView` below: GE's own views whose Jinja loader serves GE's templates with
those addresses turned into the vendored copies (``flows/publishing/data_docs_vendor/``,
copied once into the site's ``static/vendor``), relative to the page. Nothing of GE is
patched and no written page is rewritten.

This module imports Great Expectations at import time (its views are subclasses): only
the gate, and GE through the site configuration, import it.
"""

from __future__ import annotations

import fcntl
import filecmp
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import great_expectations
from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView
from jinja2 import BaseLoader
from jinja2.bccache import Bucket

VENDOR_DIR = Path(__file__).resolve().parent / "data_docs_vendor"
SITE_NAME = "kpi"
_GE_IMAGES = Path(great_expectations.__file__).parent / "render" / "view" / "static" / "images"
# What GE 1.24's page templates load from the network, and the vendored copy of each.
_CDN_FILES = {
    "https://cdn.jsdelivr.net/npm/vega@5": "vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": "fontawesome/css/all.min.css",  # noqa: E501 (a URL)
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.min.js",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "bootstrap-table.min.js",  # noqa: E501 (a URL)
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "bootstrap-table.min.css",  # noqa: E501 (a URL)
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.js": "bootstrap-table-filter-control.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.css": "bootstrap-table-1.19.0/bootstrap-table-filter-control.min.css",  # noqa: E501
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.css": "bootstrap-table-1.19.0/bootstrap-table-filter-control.css",  # noqa: E501
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/"
    "bootstrap-datepicker.min.js": "bootstrap-datepicker.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/"
    "bootstrap-datepicker.min.css": "bootstrap-datepicker.min.css",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/"
    "bootstrap-prefers-dark.css": "bootstrap-prefers-dark.min.css",
}
_CDN_URL = re.compile(
    "|".join(re.escape(u) for u in sorted(_CDN_FILES, key=len, reverse=True)) + r"(?=[\"'])"
)
# The logo comes from GE's S3 bucket (the navbar's, with a tracking filter; the style
# sheet's dark variant); GE ships the long logo, its dark variant only lives on S3.
_S3_IMAGE = re.compile(
    r"https://great-expectations-web-assets\.s3\.[\w.-]+\.amazonaws\.com/([\w.-]*)"
)
_S3_IMAGES_DIR = re.compile(r"""\{%-?\s*set static_images_dir = ["']https://[^%]*%\}""")
# Subresource integrity and CORS mode fail for file:// copies; the copies are ours.
_SRI = re.compile(r"""\s+(?:integrity|crossorigin)=(?:"[^"]*"|'[^']*')""")
_IMAGES = re.compile(r"static_images_dir \+ (\"[\w.-]+\")(?: \| add_data_context_id_to_url)?")
_STATIC = "{{ kpi_static }}"


def offline(source: str) -> str:
    """A GE template's source with every network address made a vendored or shipped file
    under the site's ``static/`` (``kpi_static``: that folder, relative to the page)."""

    def image(match: re.Match) -> str:
        name = match.group(1) if (_GE_IMAGES / match.group(1)).is_file() else "logo-long.png"
        return f"{_STATIC}images/{name}"

    source = _S3_IMAGES_DIR.sub("", source)
    source = _IMAGES.sub(r'kpi_static + "images/" + \1', source)
    source = _CDN_URL.sub(lambda m: f"{_STATIC}vendor/{_CDN_FILES[m.group(0)]}", source)
    source = _S3_IMAGE.sub(image, source)
    return _SRI.sub("", source)


class _OfflineLoader(BaseLoader):
    """GE's template loader, its sources made `offline`."""

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(self, environment, template):
        source, filename, uptodate = self.loader.get_source(environment, template)
        return offline(source), filename, uptodate

    def list_templates(self):
        return self.loader.list_templates()


class _MemoryBytecodeCache:
    """Compiled Jinja templates kept for the process (jinja2's BytecodeCache protocol):
    GE builds a new Jinja environment for every page it renders, and compiling its
    templates again each time costs 2-3 s of every run's Data Docs."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def get_bucket(self, environment, name, filename, source):
        key = f"{name}:{hash(source)}"
        bucket = Bucket(environment, key, str(hash(source)))
        if key in self._store:
            bucket.bytecode_from_string(self._store[key])
        return bucket

    def set_bucket(self, bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_CACHE = _MemoryBytecodeCache()


def _static_prefix(document) -> str:
    """The site's ``static/`` folder relative to the page of ``document``: GE writes a
    validation to ``validations/<suite>/<run>/<time>/<batch>.html`` and a suite to
    ``expectations/<suite>.html``, a dot in the suite name making one folder more."""
    kind = getattr(document, "renderer_type", "") or ""
    dots = (getattr(document, "expectation_suite_name", None) or "").count(".")
    if "ValidationResults" in kind or "ProfilingResults" in kind:
        return "../" * (4 + dots) + "static/"
    if "ExpectationSuite" in kind:
        return "../" * (1 + dots) + "static/"
    return "static/"


class _Offline:
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.env.loader = _OfflineLoader(self.env.loader)
        self.env.bytecode_cache = _TEMPLATE_CACHE

    def render(self, document, template=None, **kwargs):
        return super().render(document, template, kpi_static=_static_prefix(document), **kwargs)


class OfflinePageView(_Offline, DefaultJinjaPageView):
    """GE's page view (suites and validations), loading nothing from the network."""


class OfflineIndexPageView(_Offline, DefaultJinjaIndexPageView):
    """GE's index view, loading nothing from the network."""


def _view(name: str) -> dict:
    return {"view": {"module_name": __name__, "class_name": name}}


def site_config(site: Path) -> dict:
    """The ``data_docs_sites`` entry of the warehouse's site in ``site``."""
    return {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(site)},
        "site_index_builder": {
            "class_name": "DefaultSiteIndexBuilder",
            **_view("OfflineIndexPageView"),
        },
        "site_section_builders": {
            "expectations": _view("OfflinePageView"),
            "validations": _view("OfflinePageView"),
            "profiling": "None",  # the gate profiles nothing
        },
    }


def results_store(site: Path) -> dict:
    """The validation results store the site's index reads every run's results from."""
    return {
        "class_name": "ValidationResultsStore",
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(site / "results"),
        },
    }


def _copy_missing(source: Path, target: Path) -> None:
    """Copy a folder's files into ``target`` where they are missing or differ; each file
    lands whole (temporary name, then rename), so runs side by side cannot half-write."""
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        destination = target / path.relative_to(source)
        if destination.exists() and filecmp.cmp(path, destination, shallow=False):
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=destination.parent, prefix=".copy-")
        os.close(fd)
        shutil.copyfile(path, temporary)
        os.replace(temporary, destination)


@contextmanager
def building(site: Path) -> Iterator[None]:
    """Hold the site while a run writes into it: runs of two months can pass the gate at
    the same time, and GE rewrites the index in place. Also puts the vendored files in."""
    site.mkdir(parents=True, exist_ok=True)
    _copy_missing(VENDOR_DIR, site / "static" / "vendor")
    with (site / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
