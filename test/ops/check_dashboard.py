"""Checks the Grafana dashboard and the alert rules against the metrics the app declares.

- deploy/grafana/dashboards/primero-bridge.json parses, has the ${datasource} and stage variables, and
  every panel and query uses ${datasource};
- every dashboard query is valid PromQL (written to a temporary rule file for `promtool check rules`);
- every primero_bridge_* metric used by the dashboard or the alert rules is declared in src/metrics.ts.
Usage: python test/ops/check_dashboard.py <promtool>   (from the repository root)
"""
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

DASHBOARD = Path('deploy/grafana/dashboards/primero-bridge.json')
ALERTS = Path('deploy/prometheus/alerts.yml')
METRICS_TS = Path('src/metrics.ts')
GRAFANA_VARS = {'$__rate_interval': '5m', '$__interval': '1m', '$__range': '1h', '$stage': '.*'}


def panels(items):
    for p in items:
        yield p
        yield from panels(p.get('panels', []))


def main():
    promtool = sys.argv[1] if len(sys.argv) > 1 else 'promtool'
    problems = []
    try:
        dash = json.loads(DASHBOARD.read_text())
    except json.JSONDecodeError as err:
        print(f'{DASHBOARD}: invalid JSON: {err}', file=sys.stderr)
        return 1
    variables = {v['name']: v for v in dash.get('templating', {}).get('list', [])}
    if variables.get('datasource', {}).get('type') != 'datasource' or 'stage' not in variables:
        problems.append('dashboard needs a datasource variable `datasource` and a template variable `stage`')
    exprs = []
    for p in panels(dash.get('panels', [])):
        if p.get('type') == 'row':
            continue
        if p.get('datasource', {}).get('uid') != '${datasource}':
            problems.append(f"panel {p.get('title')!r}: datasource must be ${{datasource}}")
        for t in p.get('targets', []):
            if t.get('datasource', {}).get('uid') != '${datasource}':
                problems.append(f"panel {p.get('title')!r}: query datasource must be ${{datasource}}")
            exprs.append((p.get('title'), t['expr']))
    if not exprs:
        problems.append('dashboard has no queries')
    rules = []
    for i, (_, expr) in enumerate(exprs):
        for var, value in GRAFANA_VARS.items():
            expr = expr.replace(var, value)
        rules.append({'record': f'dashboard:query_{i}', 'expr': expr})
    with tempfile.NamedTemporaryFile('w', suffix='.yml') as f:
        yaml.safe_dump({'groups': [{'name': 'dashboard-queries', 'rules': rules}]}, f)
        f.flush()
        out = subprocess.run([promtool, 'check', 'rules', f.name], capture_output=True, text=True)
        if out.returncode != 0:
            problems.append(f'dashboard PromQL does not parse:\n{out.stdout}{out.stderr}')
    declared = set(re.findall(r"name: '(primero_bridge_[a-z_]+)'", METRICS_TS.read_text()))
    alert_exprs = [r['expr'] for g in yaml.safe_load(ALERTS.read_text())['groups'] for r in g['rules']]
    for source, text in (('dashboard', ' '.join(e for _, e in exprs)), ('alerts', ' '.join(alert_exprs))):
        for name in sorted(set(re.findall(r'primero_bridge_[a-z_]+', text))):
            base = re.sub(r'_(bucket|count|sum)$', '', name)
            if name not in declared and base not in declared:
                problems.append(f'{source}: metric {name} is not declared in {METRICS_TS}')
    for p in problems:
        print(f'  {p}', file=sys.stderr)
    print(f'dashboard: {len(exprs)} queries, {len(declared)} declared metrics, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
