#!/usr/bin/env python3
"""Rebuilds atc-codes.tsv: the ATC codes that the shipped packs, their scenarios and the sample
patients use, each with its name in the WHO ATC/DDD index.

The WHO index is not redistributable as a whole, so only this excerpt is kept in the repository.
Usage: make-excerpt.py WHO_INDEX.csv   (a CSV whose first two columns are code and name, e.g.
"WHO ATC-DDD 2026-04-25.csv" from github.com/fabkury/atcd). Codes absent from the index are
printed and make the script fail: fix the pack, do not add the code by hand.
"""
import csv, pathlib, re, sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
ATC = re.compile(r"^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$")
ICD = re.compile(r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")
HELPER = re.compile(r'\b(HasMedication|CountMedications|MedicationStartedWithin|OralMedicationStartedWithin)\s*\(\s*"([^"]*)"')


def pack_codes(path, data):
    for rule in (data or {}).get("rules", []) or []:
        for match in HELPER.finditer(str(rule.get("when", ""))):
            yield match.group(2)
        for outcome in ("proposal", "alert"):
            for code in ((rule.get(outcome) or {}).get("codes") or []):
                # Alert codes mix both systems; a letter and two digits (G40) is ATC only when the index knows it.
                if ATC.match(code) and code[0] in "ABCDGHJLMNPRSV" and (len(code) != 3 or code in KNOWN):
                    yield code
    for entry in (data or {}).get("interactions", []) or []:
        for side in ("a", "b"):
            yield from (entry.get(side) or {}).get("codes", []) or []


def patient_codes(patient):
    for medication in (patient or {}).get("medications", []) or []:
        code = str(medication.get("code", ""))
        if medication.get("system", "atc") == "atc" and ATC.match(code):
            yield code


KNOWN = set()


def main():
    index = {}
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            if row and ATC.match(row[0]):
                index.setdefault(row[0], row[1])
    KNOWN.update(index)
    used = set()
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "scenarios" in path.parts:
            used.update(patient_codes((data or {}).get("patient")))
        elif path.name != "pack.yaml":
            used.update(pack_codes(path, data))
    for path in sorted((ROOT / "samples" / "patients").glob("*.yaml")):
        used.update(patient_codes(yaml.safe_load(path.read_text(encoding="utf-8"))))
    missing = sorted(c for c in used if c not in index)
    for code in missing:
        print(f"not in the WHO index: {code}", file=sys.stderr)
    out = ROOT / "rules" / "reference" / "atc-codes.tsv"
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# ATC codes used by the shipped packs, scenarios and sample patients, with their WHO names.\n")
        f.write(f"# Checked against the WHO ATC/DDD index ({pathlib.Path(sys.argv[1]).name}); rebuilt by make-excerpt.py.\n")
        f.write("# `caresequencing validate rules` reports a pack code missing here as CSQ1020.\n")
        for code in sorted(c for c in used if c in index):
            f.write(f"{code}\t{index[code]}\n")
    print(f"{len(used) - len(missing)} codes written to {out.relative_to(ROOT)}; {len(missing)} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
