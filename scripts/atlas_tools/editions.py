"""Frozen editions (README, "Editions"): freeze one, and publish every one beside the latest site.

    atlas-tools edition new ID --title "Spring term 2027"   (`make edition ID=... TITLE=...`)
        On a clean checkout: adds ID to docs/data/editions.yaml, writes its snapshot
        docs/data/editions/ID.json from the section index, regenerates /editions/ and anchors.txt,
        and commits it all as one commit. That commit is the edition.
    atlas-tools edition build --site site [--only ID] [--no-book] [--site-url URL]
        For every edition in the registry: the sources of the commit that added its snapshot
        (`git archive`), built by MkDocs with their own hooks and packages (PYTHONPATH puts the
        edition's scripts/ before this checkout's), with site_url .../editions/ID/ and the banner
        (mkdocs.yml extra.edition, through a config that INHERITs the edition's mkdocs.yml), then
        its book, into SITE/editions/ID/. The deploy workflow runs it after `make book`.

Zensical reads the same INHERIT config and the same extra.edition, so with Zensical only the build
command in `_build` changes (README, "Lifecycle").
"""

from __future__ import annotations

import argparse
import datetime
import filecmp
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

from atlas_build import editions
from atlas_build.paths import ROOT
from atlas_build.urls import read_config
from atlas_build.yamlfile import DataError


def git(repo: Path, *args: str, binary: bool = False) -> str | bytes:
    out = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {out.stderr.decode(errors='replace').strip()}")
    return out.stdout if binary else out.stdout.decode()


def commit_of(repo: Path, edition_id: str) -> str:
    """The commit that added the edition's snapshot: the edition itself."""
    found = git(repo, "log", "--diff-filter=A", "--format=%H", "--", f"{editions.SNAPSHOTS}/{edition_id}.json").split()
    if not found:
        raise RuntimeError(f"edition {edition_id}: no commit adds {editions.SNAPSHOTS}/{edition_id}.json "
                           "(a shallow clone? the deploy checks out the whole history)")
    return found[-1]  # the oldest: the file is only ever added once


def _run(cmd: list[str], cwd: Path, env: dict | None = None) -> None:
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} (in {cwd}) failed:\n{out.stdout[-3000:]}{out.stderr[-3000:]}")


# --- new --------------------------------------------------------------------------------------------


def new(repo: Path, edition_id: str, title: str, frozen: datetime.date) -> str:
    if not re.fullmatch(r"[0-9]{4}[a-z]", edition_id):
        raise RuntimeError(f"edition id {edition_id!r}: a year and one letter, such as 2027a")
    if git(repo, "status", "--porcelain").strip():
        raise RuntimeError("the checkout has uncommitted changes: an edition is frozen from a commit, so commit first")
    docs = repo / "docs"
    known = {f.edition.id for f in editions.load(docs)}
    if edition_id in known:
        raise RuntimeError(f"edition {edition_id} already exists in {editions.REGISTRY}")
    registry = repo / editions.REGISTRY
    text = registry.read_text(encoding="utf-8") if registry.is_file() else (
        "# Frozen editions (README, \"Editions\"): `make edition ID=2027a TITLE=\"...\"` adds one.\neditions:\n")
    if text.rstrip().endswith("editions: []"):
        text = text.rstrip()[: -len(" []")] + "\n"
    text += f"  - id: {json.dumps(edition_id)}\n    title: {json.dumps(title, ensure_ascii=False)}\n    frozen: {frozen.isoformat()}\n"
    registry.write_text(text, encoding="utf-8")
    snapshot = docs / "data" / "editions" / f"{edition_id}.json"
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    env = _quiet_env(PYTHONPATH=str(repo / "scripts"))  # that checkout's code, whichever is installed
    generate = [sys.executable, "-m", "atlas_build.generate", "--docs", str(docs)]
    # The snapshot is read from sections.json, which lists the new edition on /editions/ once it is
    # written: two rounds reach the fixed point (/editions/ itself is left out of snapshots).
    site_prefix = json.loads((docs / "sections.json").read_text(encoding="utf-8"))["site"]
    for _ in range(3):
        index = json.loads((docs / "sections.json").read_text(encoding="utf-8"))["sections"]
        body = editions.snapshot_json(edition_id, [_section(s, site_prefix) for s in index])
        if snapshot.is_file() and snapshot.read_text(encoding="utf-8") == body:
            break
        snapshot.write_text(body, encoding="utf-8")
        _run(generate, repo, env)
    with tempfile.TemporaryDirectory() as tmp:  # the new headings of /editions/ join anchors.txt
        _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", tmp], repo, env)
        _run([sys.executable, "-m", "atlas_tools.cli", "anchors", tmp], repo, env)
    git(repo, "add", "-A", "docs", "anchors.txt")
    git(repo, "commit", "-q", "-m", f"Edition {edition_id}: {title}, frozen on {frozen.isoformat()}")
    return git(repo, "rev-parse", "HEAD").strip()


def _section(s: dict, site_prefix: str):
    from atlas_build.sections import Section

    return Section(source="", page=s["page"], page_title=s["page_title"], id=s["id"], title=s["title"],
                   level=s["level"], summary=s["summary"], minutes=s["minutes"], digest=s["digest"], reviewed=s["reviewed"])


# --- build ------------------------------------------------------------------------------------------


def _quiet_env(**extra: str) -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **extra}


def build(repo: Path, site: Path, only: list[str] | None, book: bool, latest_url: str | None) -> list[Path]:
    latest = (latest_url or str(read_config(repo / "mkdocs.yml").get("site_url", "/"))).rstrip("/") + "/"
    built = []
    for frozen in editions.load(repo / "docs"):
        e = frozen.edition
        if only and e.id not in only:
            continue
        commit = commit_of(repo, e.id)
        with tempfile.TemporaryDirectory(prefix=f"edition-{e.id}-") as tmp:
            src = Path(tmp) / "src"
            src.mkdir()
            with tarfile.open(fileobj=io.BytesIO(git(repo, "archive", "--format=tar", commit, binary=True))) as tar:
                tar.extractall(src, filter="data")
            _front_end(repo, src)
            config = {"INHERIT": "mkdocs.yml", "site_url": f"{latest}editions/{e.id}/",
                      "extra": {"edition": {"id": e.id, "title": e.title, "frozen": e.frozen.isoformat(),
                                            "commit": commit, "latest": latest}}}
            (src / "mkdocs.edition.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
            out = Path(tmp) / "site"
            env = _quiet_env(PYTHONPATH=str(src / "scripts"))  # the edition's own build code wins over this checkout's
            _build(src, out, env)
            if book:
                _run([sys.executable, "-m", "atlas_tools.cli", "book", "--site", str(out)], src, env)
            target = site / "editions" / e.id
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(out), target)
            built.append(target)
            print(f"edition {e.id} ({commit[:12]}): {sum(1 for _ in target.rglob('*.html'))} pages in {target}")
    return built


def _build(src: Path, out: Path, env: dict) -> None:
    _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.edition.yml", "-d", str(out)], src, env)


def _front_end(repo: Path, src: Path) -> None:
    """The npm files the site serves are not committed: the current ones when the edition's lock
    is this checkout's, else the edition's own from npm (its cache first)."""
    if filecmp.cmp(repo / "package-lock.json", src / "package-lock.json", shallow=False):
        (src / "node_modules").symlink_to(repo / "node_modules")
        vendor = repo / "docs/javascripts/figures/vendor"
        if vendor.is_dir():
            shutil.copytree(vendor, src / "docs/javascripts/figures/vendor")
        return
    _run(["npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], src)
    _run([sys.executable, "-m", "atlas_tools.cli", "vendor"], src, _quiet_env(PYTHONPATH=str(src / "scripts")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atlas-tools edition", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_new = sub.add_parser("new", help="freeze the current commit as an edition (one commit)")
    p_new.add_argument("id", help="year and a letter: 2027a")
    p_new.add_argument("--title", required=True, help='for example "Spring term 2027"')
    p_new.add_argument("--date", type=datetime.date.fromisoformat, default=datetime.date.today())
    p_new.add_argument("--repo", type=Path, default=ROOT)
    p_build = sub.add_parser("build", help="build every edition into SITE/editions/ID/")
    p_build.add_argument("--site", type=Path, default=ROOT / "site")
    p_build.add_argument("--repo", type=Path, default=ROOT)
    p_build.add_argument("--only", nargs="*", help="these editions only")
    p_build.add_argument("--no-book", action="store_true", help="skip the PDF and EPUB (they need Chromium)")
    p_build.add_argument("--site-url", help="the latest site's address (default: mkdocs.yml site_url)")
    args = parser.parse_args(argv)
    try:
        if args.command == "new":
            commit = new(args.repo.resolve(), args.id, args.title, args.date)
            print(f"edition {args.id} is commit {commit[:12]}; push main, and the deploy publishes it at /editions/{args.id}/")
        else:
            build(args.repo.resolve(), args.site.resolve(), args.only, not args.no_book, args.site_url)
    except (RuntimeError, DataError) as error:
        print(f"atlas-tools edition: {error}", file=sys.stderr)
        return 1
    return 0
