"""Fuzz inputs for bench/fuzz.py: the seed files and the mutations made to them.

Input `i` of a run is made from `random.Random(f"{seed}:{i}")` alone, so a run is
reproducible and any one input can be regenerated. An input is one to three files
for a fresh content/ folder: a seed after one to three mutations, sometimes with an
untouched seed or an exact copy beside it, or a few symlinks. Mutations are
byte-level (delete, insert, flip, duplicate, truncate, splice), structural (front
matter fences, keys, impossible dates, odd numbers and shapes, alias chains, deep
nesting, JSON escapes, encodings and line endings) or hostile shapes (long runs of
the text that has made regexes slow before). Each is registered with a weight.
"""

from __future__ import annotations

import functools
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "samples": (ROOT / "tests/fixtures/samples", ROOT / "site_config.yml"),
    "port-strike": (ROOT / "tests/fixtures/port-strike/content",
                    ROOT / "tests/fixtures/port-strike/site_config.yml"),
}


# --- seeds --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Seed:
    """One sample file and the corpus (and so the site config) it belongs to."""

    name: str
    data: bytes
    corpus: str


@dataclass
class Case:
    """One fuzz input: the files of a content/ folder and how they were made."""

    index: int
    corpus: str
    files: dict[str, bytes] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)     # symlink name -> target
    mutations: list[str] = field(default_factory=list)
    full: bool = False

    def size(self) -> int:
        return sum(len(data) for data in self.files.values())


def load_seeds() -> list[Seed]:
    """Every seed file, in a stable order."""
    seeds = []
    for corpus, (folder, _config) in CORPORA.items():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            seeds.append(Seed(path.relative_to(folder).as_posix(), path.read_bytes(), corpus))
    return seeds


# --- mutations ----------------------------------------------------------------------------
# A mutation takes the random source, the input so far and another seed's bytes.

Mutation = Callable[[random.Random, bytes, bytes], bytes]
MUTATIONS: dict[str, tuple[int, Mutation]] = {}


def mutation(weight: int) -> Callable[[Mutation], Mutation]:
    """Register a mutation; `weight` is how often it is picked relative to the others."""
    def register(func: Mutation) -> Mutation:
        MUTATIONS[func.__name__] = (weight, func)
        return func
    return register


def on_text(func: Callable[[random.Random, str], str]) -> Mutation:
    """Run a text mutation on the decoded input; undecodable bytes survive as they were."""
    @functools.wraps(func)
    def run(rng: random.Random, data: bytes, other: bytes) -> bytes:
        text = func(rng, data.decode("utf-8", "surrogateescape"))
        try:
            return text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:     # a lone surrogate put in on purpose
            return text.encode("utf-8", "surrogatepass")
    return run


def repeats(rng: random.Random) -> int:
    """How many times to repeat a hostile shape: log-uniform from 1 to about 20,000."""
    return int(10 ** rng.uniform(0, 4.3))


def chunk(rng: random.Random, data: bytes) -> tuple[int, int]:
    """A random (start, length) inside `data`."""
    length = min(len(data), rng.choice([1, 1, 2, 4, 16, 64, 256, 4096]))
    return rng.randrange(len(data) - length + 1), length


INTERESTING_BYTES = [b"\x00", b"\xff", b"\r", b"\n", b"\n---\n", b"\n+++\n", b"\xef\xbb\xbf",
                     b"\xe2\x80", b"\xed\xa0\x80", b"\xc2\x85", b'"', b"\\", b":", b"{", b"&a ",
                     b"*a", b"\t", b"\x1b[0m", b"\xf0\x9f\x98"]


@mutation(4)
def delete_bytes(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """A byte or a chunk removed."""
    start, length = chunk(rng, data)
    return data[:start] + data[start + length:]


@mutation(4)
def insert_bytes(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """Random bytes, or bytes that mean something to a parser, inserted."""
    where = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:
        extra = rng.choice(INTERESTING_BYTES)
    else:
        extra = bytes(rng.randrange(256) for _ in range(rng.choice([1, 2, 8, 64])))
    return data[:where] + extra + data[where:]


@mutation(3)
def flip_bit(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """One bit flipped."""
    if not data:
        return data
    where = rng.randrange(len(data))
    return data[:where] + bytes([data[where] ^ (1 << rng.randrange(8))]) + data[where + 1:]


@mutation(3)
def duplicate_chunk(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """A byte or a chunk repeated in place."""
    start, length = chunk(rng, data)
    piece = data[start:start + length]
    return data[:start] + piece * rng.choice([2, 3, 10, 100]) + data[start + length:]


@mutation(2)
def truncate(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """The file cut short."""
    return data[:rng.randrange(len(data) + 1)]


@mutation(3)
def splice(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """The head of this file joined to the tail of another seed."""
    return data[:rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


# Front-matter helpers: YAML front matter is edited line by line, as an editor would.

def split_yaml(text: str) -> tuple[list[str], str] | None:
    """The YAML front-matter lines and the body, or None without YAML fences."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None
    return text[4:end].split("\n"), text[end + 5:]


def set_key(rng: random.Random, text: str, key: str, value: str) -> str:
    """Give `key` a value (YAML or TOML source text), adding front matter if there is none."""
    if text.startswith("+++\n") and "\n+++\n" in text[3:]:
        return f"+++\n{key} = {value}\n" + text[4:]
    line = f"{key}: {value}"
    parts = split_yaml(text)
    if parts is None:
        return f"---\n{line}\n---\n{text}"
    lines, body = parts
    lines = [old for old in lines if not old.startswith(f"{key}:")]
    lines.insert(rng.randrange(len(lines) + 1), line)
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def place(rng: random.Random, text: str, snippet: str) -> str:
    """Put `snippet` in the body: as a paragraph, inside a line, or as the title line."""
    parts = split_yaml(text)
    head, body = ("---\n" + "\n".join(parts[0]) + "\n---\n", parts[1]) if parts else ("", text)
    lines = body.split("\n")
    where = rng.randrange(len(lines) + 1)
    mode = rng.random()
    if mode < 0.5:
        lines[where:where] = ["", snippet, ""]
    elif mode < 0.8 and lines:
        line = lines[where - 1] if where else lines[0]
        cut = rng.randrange(len(line) + 1)
        lines[max(where - 1, 0)] = line[:cut] + snippet + line[cut:]
    else:
        lines.insert(0, snippet)
    return head + "\n".join(lines)


FIELD_KEYS = ["title", "date", "published", "publishDate", "author", "authors", "tags",
              "categories", "summary", "excerpt", "description", "source", "publisher", "url",
              "slug", "draft", "image", "layout"]
IMPOSSIBLE_DATES = ["2026-02-30", "2026-13-01", "0000-00-00", "2026-00-10", "2025-02-29",
                    "2026-01-01T25:00:00", "2026-01-01T23:59:60", "2026-01-01 12:00:00 +2500",
                    "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "'2026-02-30'",
                    "'31/02/2026'", "'Feb 30, 2026'", "'yesterday'", "'2026-W53-8'",
                    "'10000-01-01'", "'-0001-01-01'"]
ODD_NUMBERS = ["1e-300", "-1e308", "1e309", ".nan", "-.inf", "-1", "0", "1" + "0" * 400,
               "-" + "9" * 100, "0x7fffffffffffffff", "1_000", "0o777", "1767225600",
               "-62135596801", "253402300800"]
ODD_SHAPES = ["[]", "{}", "[[]]", "[1, [2, [3]]]", "{a: {b: c}}", "null", "~", "true", "no",
              "'  '", '""', "!!binary aGVsbG8=", "!!set {a, b}", "[null, 1, 2.5, true]",
              "[2026-02-30]", "{2026-01-01: x}", "[{name: Ann}, {name: [x]}]", "{name: {}}",
              "'a, b, , c,'", "|\n  block\n  scalar", "!!str", "!!int '12'", "!!float 'x'"]
TOML_VALUES = ["2026-02-30", "2026-13-01T00:00:00Z", "0000-00-00", "1e-300", "inf", "nan",
               "-9223372036854775809", "[]", "{}", "[[1], ['a']]", '"\\ud800"', '"\\u0085x"',
               "true", '""', "{ name = { x = 1 } }"]
ODD_KEYS = ["1: x", "2026-01-01: x", "null: x", "true: x", "? [a, b]\n: x", "<<: {title: x}",
            "title: one\ntitle: two", "'': x", "\"\\ud800\": x", "\t: x", "title:x",
            "date: !!timestamp 2026-01-01", "? !!binary aGk=\n: x"]


@mutation(4)
@on_text
def set_odd_field(rng: random.Random, text: str) -> str:
    """A known field set to an impossible date, an odd number or the wrong shape."""
    key = rng.choice(FIELD_KEYS)
    if text.startswith("+++\n"):
        return set_key(rng, text, key, rng.choice(TOML_VALUES))
    pool = rng.choice([IMPOSSIBLE_DATES, ODD_NUMBERS, ODD_SHAPES])
    return set_key(rng, text, key, rng.choice(pool))


@mutation(2)
@on_text
def odd_keys(rng: random.Random, text: str) -> str:
    """Keys that are not strings, duplicated, merged or empty."""
    parts = split_yaml(text)
    lines, body = parts if parts else ([], text)
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(ODD_KEYS))
    return "---\n" + "\n".join(lines) + "\n---\n" + body


@mutation(3)
@on_text
def break_fences(rng: random.Random, text: str) -> str:
    """Front-matter fences missing, doubled, mismatched or in the wrong place."""
    choice = rng.randrange(7)
    if choice == 0:
        return text.replace("\n---\n", "\n", 1)                  # no closing fence
    if choice == 1:
        return text.replace("---\n", "", 1)                      # no opening fence
    if choice == 2:
        return text.replace("---", "+++", 2)                     # YAML inside TOML fences
    if choice == 3:
        return "---\n---\n" + text                               # empty front matter
    if choice == 4:
        return "\n\n---\n" + text                                # fence after blank lines
    if choice == 5:
        return text.replace("---", rng.choice(["--- x", "----", "...", " ---", "---\t"]), 2)
    return "---\n- a list\n- not a mapping\n---\n" + text


@mutation(2)
@on_text
def swap_keys(rng: random.Random, text: str) -> str:
    """Two front-matter values swapped (a date as the title, tags as the date...)."""
    parts = split_yaml(text)
    if parts is None:
        return text
    lines, body = parts
    keyed = [i for i, line in enumerate(lines) if re.match(r"^\w+:", line)]
    if len(keyed) < 2:
        return text
    a, b = rng.sample(keyed, 2)
    key_a, _, value_a = lines[a].partition(":")
    key_b, _, value_b = lines[b].partition(":")
    lines[a], lines[b] = f"{key_a}:{value_b}", f"{key_b}:{value_a}"
    return "---\n" + "\n".join(lines) + "\n---\n" + body


@mutation(2)
@on_text
def alias_chain(rng: random.Random, text: str) -> str:
    """YAML anchors and aliases: each level doubles the one before (at most 32 aliases)."""
    depth = rng.randint(1, 16)
    shape = rng.choice(["[*a{p}, *a{p}]", "{{x: *a{p}, y: *a{p}}}", "[*a{p}, *a{p}, x]"])
    lines = [f"a0: &a0 {rng.choice(['ha', 'Mark Carney', '2026-01-14', '1.5', 'x' * 100])}"]
    lines += [f"a{n}: &a{n} " + shape.format(p=n - 1) for n in range(1, depth + 1)]
    lines.append(f"{rng.choice(FIELD_KEYS)}: *a{depth}")
    parts = split_yaml(text)
    old, body = parts if parts else ([], text)
    return "---\n" + "\n".join(old + lines) + "\n---\n" + body


@mutation(2)
@on_text
def deep_nesting(rng: random.Random, text: str) -> str:
    """A field nested hundreds or thousands of levels deep."""
    depth = rng.choice([50, 500, 3000])
    style = rng.randrange(3)
    if style == 0:
        value = "[" * depth + "x" + "]" * depth
    elif style == 1:
        value = "{a: " * depth + "x" + "}" * depth
    else:
        value = "".join("\n" + "  " * (n + 1) + "- " for n in range(min(depth, 200))) + "x"
    return set_key(rng, text, rng.choice(FIELD_KEYS), value)


@mutation(2)
@on_text
def json_front_matter(rng: random.Random, text: str) -> str:
    """JSON front matter with lone surrogates, control characters and odd shapes."""
    parts = split_yaml(text)
    body = parts[1] if parts else text
    hostile = rng.choice(["\\ud800", "\\udfff x", "x\\ud83d", "\\u0000", "\\u007f",
                          "\\u0085", "\\u009b", "\\ufffe", "\\u2028", "\\u001b[31m", "ok"])
    value: str = json.dumps(rng.choice(["Title ", "", "Mark Carney "]))[:-1] + hostile + '"'
    if rng.random() < 0.3:
        value = f"[{value}, {value}]"
    key = rng.choice(["title", "author", "authors", "tags", "summary", "source", "slug", "date"])
    nested = "[" * rng.choice([1, 1, 5000]) + "]" * rng.choice([1, 1, 5000])
    extra = rng.choice(["", f', "nested": {nested}', ', "n": 1e999', ', "n": -0'])
    return f'{{\n"{key}": {value}{extra}\n}}\n' + body


CONTROL_CHARS = ["\x7f", "\x85", "\x9b", "\x80", "\ufffe", "\uffff", "\ufdd0", "\x0b", "\x0c",
                 "\x1b[31m", "\u2028", "\u2029", "\u200b", "\u202e", "\x08", "\x1c", "\ud800"]


@mutation(3)
@on_text
def control_chars(rng: random.Random, text: str) -> str:
    """Control and non-characters in the title, a field or the body."""
    char = rng.choice(CONTROL_CHARS) * rng.choice([1, 1, 3, 50])
    target = rng.randrange(3)
    if target == 0:
        return set_key(rng, text, rng.choice(["title", "author", "tags", "summary"]),
                       json.dumps(f"A{char}B"))
    if target == 1:
        return char + "Title " + text
    return place(rng, text, f"Carney said{char} it{char}.")


NAMES = ["Carney", "Mark Carney", "Xi Jinping", "Prime Minister Mark Carney", "FNV Havens",
         "Rotterdam", "Stephen Nagy", "Ann Lee"]


def hostile_shape(rng: random.Random) -> str:
    """One long adversarial run of text, of the shapes that have hurt regexes before."""
    n = repeats(rng)
    name = rng.choice(NAMES)
    shapes: list[Callable[[], str]] = [
        lambda: " ".join("A" + "b" * rng.choice([20, 61, 200]) for _ in range(4)) + "!",
        lambda: " ".join("A" + "b" * rng.randint(1, 80) for _ in range(min(n, 400))) + "!",
        lambda: "$1.2 " * n,
        lambda: rng.choice(["€3,5 ", "1.2 billion ", "12% ", "$1.2bn ", "C$ 1. "]) * n,
        lambda: f"the {name} " * n,
        lambda: f"{name}, " * n,
        lambda: f"{name} said it. " * n,
        lambda: "“abc " * n,
        lambda: rng.choice(['"abc ', "‘abc ", "«abc ", "„abc "]) * n,
        lambda: "Plain\n" + rng.choice([" \n", "\n", "\t\n", "\u00a0\n"]) * n + "x",
        lambda: ("word " * n).strip(),
        lambda: "x" * (n * 10),
        lambda: "- " * n + "item",
        lambda: ("January 14, 2026 " * n),
        lambda: "A." * n,
        lambda: "(" * n + ")" * rng.randrange(n + 1),
        lambda: f"— {name} (@x) January 14, 2026\n" * min(n, 3000),
    ]
    return rng.choice(shapes)()


@mutation(6)
@on_text
def hostile_text(rng: random.Random, text: str) -> str:
    """A hostile shape in the body, or as a front-matter field."""
    snippet = hostile_shape(rng)
    if rng.random() < 0.2:
        return set_key(rng, text, rng.choice(["title", "author", "summary", "tags"]),
                       json.dumps(snippet))
    return place(rng, text, snippet)


@mutation(2)
@on_text
def odd_numbers_in_body(rng: random.Random, text: str) -> str:
    """Every number in the body replaced by a huge, negative or tiny one."""
    odd = rng.choice(["1" + "0" * 400, "-5", "1e-300", "9" * 30 + ".9", "0.000000001",
                      "1,000,000,000,000,000", "2026-02-30", "99:99"])
    return re.sub(r"\d+(?:[.,]\d+)?", odd, text)


@mutation(3)
def encoding(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """The same text in another encoding or with other line endings."""
    text = data.decode("utf-8", "replace")
    choice = rng.randrange(8)
    if choice == 0:
        return text.encode("utf-16")                              # with a BOM
    if choice == 1:
        return text.encode(rng.choice(["utf-16-le", "utf-16-be", "utf-32"]))
    if choice == 2:
        return b"\xef\xbb\xbf" + data
    if choice == 3:
        return text.encode("cp1252", "replace")
    if choice == 4:
        return data.replace(b"\n", b"\r\n")
    if choice == 5:
        return data.replace(b"\n", b"\r")
    if choice == 6:
        lines = data.split(b"\n")
        return b"\n".join(line.decode("utf-8", "replace").encode("latin-1", "replace")
                          if rng.random() < 0.3 else line for line in lines)
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\r", b"\x85", b"\xe2\x80\xa8"]), 5)


def pick_mutation(rng: random.Random) -> str:
    """A mutation name, by weight."""
    names = list(MUTATIONS)
    return rng.choices(names, weights=[MUTATIONS[n][0] for n in names])[0]


ODD_NAMES = ["2026-02-30-impossible.md", "0000-00-00-zero.md", "2026-01-14-ok.md", " space.md",
             "-dash.md", "ü-nfd-\u0308.md", "tab\tname.md", "new\nline.md", "del\x7f.md",
             "x" * 200 + ".md", "UPPER.MD", "a.b.c.markdown", "noext", ".hidden.md",
             "sub/deeper/post.md", "no-utf8-\udcff.md", "2026/01/14/post.txt"]


def file_name(rng: random.Random, seed: Seed) -> str:
    """The seed's own name mostly; sometimes another suffix or an odd name."""
    roll = rng.random()
    if roll < 0.85:
        return seed.name
    if roll < 0.93:
        return Path(seed.name).stem + rng.choice([".md", ".txt", ".markdown", ".MD"])
    return rng.choice(ODD_NAMES)


SYMLINKS = [{"loop.md": "loop.md"}, {"a.md": "b.md", "b.md": "a.md"}, {"sub": "."},
            {"up": ".."}, {"out.md": "../site_config.yml"}, {"gone.md": "missing.md"},
            {"twin.md": "{main}"}]


def make_case(seed_value: int, index: int, seeds: list[Seed], full_every: int) -> Case:
    """Input `index` of the run seeded with `seed_value`."""
    rng = random.Random(f"{seed_value}:{index}")
    seed, other = rng.choice(seeds), rng.choice(seeds)
    data = seed.data
    case = Case(index, seed.corpus, full=full_every > 0 and index % full_every == 0)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        name = pick_mutation(rng)
        data = MUTATIONS[name][1](rng, data, other.data)
        case.mutations.append(name)
    main = file_name(rng, seed)
    case.files[main] = data
    roll = rng.random()
    if roll < 0.15 and other.name != main:
        case.files[other.name] = other.data
        case.mutations.append("with-seed")
    elif roll < 0.20:
        case.files["copy-" + Path(main).name] = data
        case.mutations.append("with-copy")
    elif roll < 0.22:
        case.links = {k: v.format(main=main) for k, v in rng.choice(SYMLINKS).items()}
        case.mutations.append("symlinks")
    return case
