#!/usr/bin/env python3
"""The public API as text, one declaration per line, from the symbol graphs that
`swift package dump-symbol-graph` writes.

Usage: api-listing.py SYMBOLGRAPH_DIR OUT_DIR     writes OUT_DIR/MODULE.txt per library module
       api-listing.py SYMBOLGRAPH_DIR --summary   prints types, declarations and undocumented per module

The listing is checked in (API/), and CI regenerates it and fails on a difference, so that a
change to the public surface is a visible diff in review.
"""
import json
import os
import sys

MODULES = [
    "TLSConfig", "TLSConfigOpenSSL", "TLSConfigCommands", "TLSConfigNIO",
    "TLSConfigGRPC", "TLSConfigConfiguration", "TLSConfigTesting",
]
TYPE_KINDS = {"swift.struct", "swift.class", "swift.enum", "swift.protocol", "swift.typealias", "swift.actor"}


def symbols(directory, module):
    """The module's own symbols and its extensions of other modules' types."""
    for name in sorted(os.listdir(directory)):
        if name == f"{module}.symbols.json" or name.startswith(f"{module}@"):
            with open(os.path.join(directory, name)) as handle:
                graph = json.load(handle)
            for symbol in graph["symbols"]:
                if symbol.get("accessLevel") in ("public", "open"):
                    yield symbol


def line(symbol):
    path = ".".join(symbol["pathComponents"])
    declaration = "".join(fragment["spelling"] for fragment in symbol.get("declarationFragments", []))
    declaration = " ".join(declaration.split())
    return f"{path}: {declaration}"


def is_documented(symbol):
    # A member the compiler wrote (an enum's init(rawValue:), a command's init(from:)) has no
    # source location and cannot carry a comment.
    if "location" not in symbol:
        return True
    lines = symbol.get("docComment", {}).get("lines", [])
    return any(entry.get("text", "").strip() for entry in lines)


def main():
    directory = sys.argv[1]
    if sys.argv[2] == "--summary":
        totals = [0, 0, 0, 0]
        print(f"{'module':<24}{'top-level types':>16}{'all types':>10}{'decls':>7}{'undocumented':>14}")
        for module in MODULES:
            own = list(symbols(directory, module))
            types = [s for s in own if s["kind"]["identifier"] in TYPE_KINDS]
            top = sum(1 for s in types if len(s["pathComponents"]) == 1)
            undocumented = sum(1 for s in own if not is_documented(s))
            row = [top, len(types), len(own), undocumented]
            totals = [a + b for a, b in zip(totals, row)]
            print(f"{module:<24}{row[0]:>16}{row[1]:>10}{row[2]:>7}{row[3]:>14}")
        print(f"{'all':<24}{totals[0]:>16}{totals[1]:>10}{totals[2]:>7}{totals[3]:>14}")
        undocumented_names = [
            f"  {module}: {line(s)}" for module in MODULES for s in symbols(directory, module) if not is_documented(s)
        ]
        if undocumented_names:
            print("undocumented:")
            print("\n".join(sorted(undocumented_names)))
        return
    output = sys.argv[2]
    os.makedirs(output, exist_ok=True)
    for module in MODULES:
        lines = sorted({line(s) for s in symbols(directory, module)})
        with open(os.path.join(output, f"{module}.txt"), "w") as handle:
            handle.write("".join(entry + "\n" for entry in lines))


if __name__ == "__main__":
    main()
