"""Renders k8s/base/prometheusrule.yaml from deploy/prometheus/alerts.yml (the one source of the alert rules).

Usage: python test/ops/prometheusrule.py --check | --write   (run from the repository root)
"""
import sys
from pathlib import Path

import yaml

SOURCE = Path('deploy/prometheus/alerts.yml')
TARGET = Path('k8s/base/prometheusrule.yaml')
HEADER = (
    '# GENERATED from deploy/prometheus/alerts.yml by test/ops/prometheusrule.py --write. Do not edit.\n'
    '# Prometheus Operator rule resource (monitoring.coreos.com/v1); overlays add the label their Prometheus\n'
    '# selects rules by (e.g. release: kube-prometheus-stack).\n'
)


class Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value):
    style = '|' if '\n' in value else None
    return dumper.represent_scalar('tag:yaml.org,2002:str', value, style=style)


Dumper.add_representer(str, _str)


def render() -> str:
    groups = yaml.safe_load(SOURCE.read_text())['groups']
    doc = {
        'apiVersion': 'monitoring.coreos.com/v1',
        'kind': 'PrometheusRule',
        'metadata': {'name': 'primero-bridge'},
        'spec': {'groups': groups},
    }
    return HEADER + yaml.dump(doc, Dumper=Dumper, sort_keys=False, width=100000, allow_unicode=True)


def main() -> int:
    mode = sys.argv[1] if len(sys.argv) > 1 else '--check'
    text = render()
    if mode == '--write':
        TARGET.write_text(text)
        return 0
    if not TARGET.exists() or TARGET.read_text() != text:
        print(f'{TARGET} is out of date with {SOURCE}: run python test/ops/prometheusrule.py --write', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
