#!/usr/bin/env python3
"""Turns the Kubernetes JSON schemas that the PyPI package kubernetes-validate ships into a directory
kubeconform reads offline: kubeconform fetches its schemas from GitHub (not reachable from CI), and
the package's files name themselves https://kubernetes.io/api/... ($id) and reference
/api/_definitions.json, which would send kubeconform to the network as well. Here every $id is
dropped and every reference made relative to the sibling _definitions.json.

Usage: offline-schemas.py KUBERNETES_VERSION OUT   (e.g. 1.34.0 .ci/kubernetes-schemas)
"""
import json
import pathlib
import sys

import kubernetes_validate

version, out = sys.argv[1], pathlib.Path(sys.argv[2])
source = pathlib.Path(kubernetes_validate.__file__).parent / "kubernetes-json-schema" / f"v{version}-local-strict"
if not source.is_dir():
    sys.exit(f"kubernetes-validate has no schemas for Kubernetes {version} ({source} is missing)")


def offline(node):
    if isinstance(node, dict):
        node.pop("$id", None)
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("/api/_definitions.json"):
            node["$ref"] = ref[len("/api/"):]
        for value in node.values():
            offline(value)
    elif isinstance(node, list):
        for value in node:
            offline(value)


target = out / f"v{version}-standalone-strict"
target.mkdir(parents=True, exist_ok=True)
for schema in source.glob("*.json"):
    document = json.loads(schema.read_text())
    offline(document)
    (target / schema.name).write_text(json.dumps(document))
print(f"{target}: {sum(1 for _ in target.glob('*.json'))} schemas")
