"""Offline validation of rendered Kubernetes manifests (kustomize build output on stdin or as a file).

1. Built-in kinds: the Kubernetes OpenAPI schemas bundled by `kubernetes-validate`, strict (unknown fields
   fail), for every version in K8S_VERSIONS.
2. Custom resources: the JSON Schemas in test/ops/crd-schemas (see its README); an unknown kind fails.
3. Bridge policy: hardened pods, probes, grace period (above SHUTDOWN_GRACE_MS), placeholder-only Secrets, KEDA
   and Service wiring, egress to every endpoint the ConfigMap names.
Exits 1 with one line per problem.
"""
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import kubernetes_validate
import yaml

K8S_VERSIONS = ['1.30.0', '1.37.0']
CRD_DIR = Path(__file__).parent / 'crd-schemas'
BASE_CONFIG = Path(__file__).parents[2] / 'k8s' / 'base' / 'config.env'
CONSUMERS = {
    'his-lookup': 'primero.case-events',
    'case-to-childshield': 'primero.case-events',
    'his-to-primero': 'his.lookup-results',
    'risk-to-primero': 'childshield.risk-scores',
    'cdc-normalizer': None,
}
STAGES = ['ingress', 'primero-poller', 'childshield-poller', *CONSUMERS]


def ident(doc):
    return f"{doc.get('kind')}/{doc.get('metadata', {}).get('name')}"


def validate_schema(doc, problems):
    api, kind = doc.get('apiVersion', ''), doc.get('kind', '')
    group, _, version = api.rpartition('/')
    if '.' in group and not group.endswith('.k8s.io'):
        path = CRD_DIR / f'{group}_{version}_{kind}.json'
        if not path.exists():
            problems.append(f'{ident(doc)}: no schema for custom resource {api} {kind}')
            return
        validator = jsonschema.Draft202012Validator(json.loads(path.read_text()))
        for err in validator.iter_errors(doc):
            problems.append(f"{ident(doc)}: {'/'.join(map(str, err.absolute_path))}: {err.message}")
        return
    for version in K8S_VERSIONS:
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as err:
            problems.append(f"{ident(doc)} (k8s {version}): {'/'.join(map(str, err.path))}: {err.message}")
        except (kubernetes_validate.SchemaNotFoundError, kubernetes_validate.InvalidSchemaError) as err:
            problems.append(f'{ident(doc)} (k8s {version}): {err}')


def read_env_file(path):
    """KEY=VALUE lines of a kustomize `envs` file (comments and blank lines skipped)."""
    values = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith('#') and '=' in line:
            key, _, value = line.partition('=')
            values[key.strip()] = value.strip()
    return values


def shutdown_grace_s(docs, problems):
    """SHUTDOWN_GRACE_MS as the pods get it: the rendered primero-bridge-config (an overlay may change it), else
    k8s/base/config.env; the application default (25 s) when neither sets it."""
    rendered = [d.get('data', {}) for d in docs if d.get('kind') == 'ConfigMap'
                and d['metadata']['name'].startswith('primero-bridge-config')]
    value = next((data['SHUTDOWN_GRACE_MS'] for data in rendered if 'SHUTDOWN_GRACE_MS' in data), None)
    if value is None:
        value = read_env_file(BASE_CONFIG).get('SHUTDOWN_GRACE_MS', '25000')
    try:
        return int(value) / 1000
    except ValueError:
        problems.append(f'SHUTDOWN_GRACE_MS: {value!r} is not a number of milliseconds')
        return 0


def check_pod(owner, spec, problems, probes, grace_s):
    sc = spec.get('securityContext', {})
    if sc.get('runAsNonRoot') is not True or sc.get('seccompProfile', {}).get('type') != 'RuntimeDefault':
        problems.append(f'{owner}: pod securityContext needs runAsNonRoot and seccomp RuntimeDefault')
    if probes and spec.get('terminationGracePeriodSeconds', 30) <= grace_s:
        problems.append(f'{owner}: terminationGracePeriodSeconds must exceed the {grace_s:g} s SHUTDOWN_GRACE_MS')
    tmp = {v['name'] for v in spec.get('volumes', []) if 'emptyDir' in v}
    for c in spec.get('containers', []):
        csc = c.get('securityContext', {})
        if not (csc.get('readOnlyRootFilesystem') is True and csc.get('allowPrivilegeEscalation') is False
                and csc.get('capabilities', {}).get('drop') == ['ALL']):
            problems.append(f"{owner}/{c['name']}: needs readOnlyRootFilesystem, no privilege escalation, drop ALL")
        res = c.get('resources', {})
        if not res.get('requests') or not res.get('limits', {}).get('memory'):
            problems.append(f"{owner}/{c['name']}: needs resource requests and a memory limit")
        if not any(m['mountPath'] == '/tmp' and m['name'] in tmp for m in c.get('volumeMounts', [])):
            problems.append(f"{owner}/{c['name']}: needs an emptyDir at /tmp")
        if probes:
            for probe, path in (('livenessProbe', '/livez'), ('readinessProbe', '/readyz')):
                got = c.get(probe, {}).get('httpGet', {})
                if got.get('path') != path or got.get('port') not in ('metrics', 9400):
                    problems.append(f"{owner}/{c['name']}: {probe} must GET {path} on the metrics port")


def endpoints(config):
    """(setting, host, port) of every system the stages call, from the rendered primero-bridge-config."""
    out = []
    for broker in filter(None, config.get('KAFKA_BROKERS', '').split(',')):
        host, _, port = broker.strip().rpartition(':')
        out.append(('KAFKA_BROKERS', host, int(port)))
    for key in ('SCHEMA_REGISTRY_URL', 'PRIMERO_URL', 'MOPH_URL'):
        if config.get(key):
            url = urlsplit(config[key])
            out.append((key, url.hostname, url.port or (443 if url.scheme == 'https' else 80)))
    return out


def rule_reaches(rule, host, port):
    """Whether one egress rule allows host:port: a Service name (<svc>.<namespace>.svc[.cluster.local]) needs a
    namespaceSelector on that namespace; any other host an ipBlock (addresses are the overlay's to check)."""
    if not any(p.get('port') == port and p.get('protocol', 'TCP') == 'TCP' for p in rule.get('ports', [])):
        return False
    parts = host.split('.')
    if len(parts) >= 3 and parts[2] == 'svc':
        namespaces = [peer.get('namespaceSelector', {}).get('matchLabels', {}).get('kubernetes.io/metadata.name')
                      for peer in rule.get('to', [])]
        return parts[1] in namespaces
    return any('ipBlock' in peer for peer in rule.get('to', []))


def check_egress(by_kind, problems):
    """The bridge's NetworkPolicy lets every stage reach what the ConfigMap points it at, and nothing needs DNS
    outside kube-dns."""
    configs = [c for c in by_kind.get('ConfigMap', []) if c['metadata']['name'].startswith('primero-bridge-config')]
    policies = [p for p in by_kind.get('NetworkPolicy', []) if p['metadata']['name'] == 'primero-bridge']
    if not configs or not policies:
        problems.append('NetworkPolicy/primero-bridge or ConfigMap/primero-bridge-config: missing')
        return
    egress = policies[0]['spec'].get('egress', [])
    for key, host, port in endpoints(configs[0].get('data', {})):
        if not any(rule_reaches(rule, host, port) for rule in egress):
            problems.append(f'NetworkPolicy/primero-bridge: no egress rule reaches {key} {host}:{port}')


def check_policy(docs, problems):
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d['kind'], []).append(d)
    deployments = {d['metadata']['name']: d for d in by_kind.get('Deployment', [])}
    for stage in STAGES:
        name = f'primero-bridge-{stage}'
        if name not in deployments:
            problems.append(f'Deployment/{name}: missing')
            continue
        args = deployments[name]['spec']['template']['spec']['containers'][0].get('args')
        if args != ['run', stage]:
            problems.append(f'Deployment/{name}: args {args} != run {stage}')
    grace_s = shutdown_grace_s(docs, problems)
    for name, d in deployments.items():
        check_pod(f'Deployment/{name}', d['spec']['template']['spec'], problems, probes=True, grace_s=grace_s)
    for j in by_kind.get('Job', []):
        check_pod(ident(j), j['spec']['template']['spec'], problems, probes=False, grace_s=grace_s)
    if not any(j['spec']['template']['spec']['containers'][0].get('args') == ['schemas', 'register'] for j in by_kind.get('Job', [])):
        problems.append('Job: none runs `schemas register`')
    for s in by_kind.get('Secret', []):
        for key, value in {**s.get('stringData', {}), **s.get('data', {})}.items():
            if value != 'REPLACE_ME':
                problems.append(f'{ident(s)}: key {key} must hold the placeholder REPLACE_ME, not a value')
    scaled = {so['spec']['scaleTargetRef']['name']: so for so in by_kind.get('ScaledObject', [])}
    for stage, topic in CONSUMERS.items():
        so = scaled.get(f'primero-bridge-{stage}')
        if so is None:
            problems.append(f'ScaledObject for {stage}: missing')
            continue
        meta = so['spec']['triggers'][0]['metadata']
        if meta.get('consumerGroup') != f'primero-bridge.{stage}' or (topic and meta.get('topic') != topic):
            problems.append(f'{ident(so)}: kafka trigger must use group primero-bridge.{stage} and topic {topic}')
    for target in scaled:
        if target not in deployments:
            problems.append(f'ScaledObject targets unknown Deployment {target}')
    pod_labels = [d['spec']['template']['metadata']['labels'] for d in deployments.values()]
    for svc in by_kind.get('Service', []):
        sel = svc['spec'].get('selector', {})
        if not any(sel.items() <= labels.items() for labels in pod_labels):
            problems.append(f'{ident(svc)}: selector {sel} matches no Deployment')
    check_egress(by_kind, problems)
    for kind in ('ServiceMonitor', 'PrometheusRule', 'PodDisruptionBudget', 'NetworkPolicy', 'ConfigMap'):
        if not by_kind.get(kind):
            problems.append(f'{kind}: missing')
    if not any('primero-bridge.json' in c.get('data', {}) for c in by_kind.get('ConfigMap', [])):
        problems.append('ConfigMap with the Grafana dashboard: missing')


def main():
    source = open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin
    docs = [d for d in yaml.safe_load_all(source) if d]
    problems = []
    for doc in docs:
        validate_schema(doc, problems)
    check_policy(docs, problems)
    for p in problems:
        print(f'  {p}', file=sys.stderr)
    print(f'{len(docs)} manifests, {len(problems)} problems (k8s {", ".join(K8S_VERSIONS)}, CRD subsets)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
