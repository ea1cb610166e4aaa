"""Slipway's extensions of moto (pinned: moto[server]==5.2.5). The contract is described in README.md.

install() patches moto in place before its server starts:
- moto.eks.models.Cluster / Nodegroup: `status` (and `health`) become properties computed from deadlines.
- moto.eks.models.EKSBackend: delete_cluster, delete_nodegroup and update_nodegroup_config are replaced; the
  operations moto lacks (update_cluster_version, update_nodegroup_version, describe_update, list_updates) are added,
  with their handlers on moto.eks.responses.EKSResponse and their paths in moto.eks.urls.url_paths.
- moto.core.responses.BaseResponse.call_action: one lock around every request; EKS state is brought up to date
  (finished deletions and updates, node group instances in moto's EC2) before every EKS and EC2 request; pending
  faults are answered here.
- moto.moto_api._internal.models.MotoAPIBackend.reset: also resets Slipway's configuration and faults.
- moto.server.DomainDispatcherApplication: serves /slipway/config and /slipway/faults.

Nothing runs in the background: every state change is computed when a request arrives, so the state a client sees
depends only on the time of its request.
"""

import datetime
import json
import threading
import time
import uuid
from typing import Any, Callable

from moto.core.utils import utcnow

# One lock for everything below and for every moto request (moto's server is threaded).
LOCK = threading.RLock()

DEFAULT_CONFIG = {"eksCreateSeconds": 0.0, "eksDeleteSeconds": 0.0, "eksUpdateSeconds": 0.0}
CONFIG: dict[str, float] = dict(DEFAULT_CONFIG)
FAULTS: list[dict[str, Any]] = []  # pending faults, oldest first
FAULT_KINDS = ("throttle", "server-error", "fail")
# Operations whose "fail" fault has a meaning: the resource or the update fails after its duration.
FAILABLE = {
    ("eks", "CreateCluster"),
    ("eks", "CreateNodegroup"),
    ("eks", "UpdateClusterVersion"),
    ("eks", "UpdateNodegroupConfig"),
    ("eks", "UpdateNodegroupVersion"),
}
NODE_AMI = "ami-760aaa0f"  # an Amazon Linux AMI among moto's default images (moto/ec2/resources/amis.json.gz)

# Per request: the time every state is computed at (frozen, so one response is consistent) and the "fail" flag.
_request = threading.local()


def now() -> float:
    return getattr(_request, "now", None) or time.monotonic()


def _failing() -> bool:
    return getattr(_request, "fail", False)


# ---------------------------------------------------------------------------------------------------------------
# Update records


class Update:
    """One EKS update (the service model's `Update` shape; moto's serializer reads these attributes)."""

    def __init__(self, owner: Any, type_: str, params: list[dict[str, str]], apply: Callable[[], None]):
        self.id = str(uuid.uuid4())
        self.type = type_
        self.params = params
        self.created_at = utcnow()
        self.errors: list[dict[str, Any]] = []
        self.owner_name = getattr(owner, "nodegroup_name", None) or owner.name
        self._apply = apply
        self._fail = _failing()
        self._done_at = now() + CONFIG["eksUpdateSeconds"]
        self._final: str | None = None

    @property
    def status(self) -> str:
        return self._final or "InProgress"

    @property
    def in_progress(self) -> bool:
        return self._final is None

    def finish_if_due(self) -> None:
        if self._final is not None or now() < self._done_at:
            return
        if self._fail:
            self._final = "Failed"
            self.errors = [{"errorCode": "NodeCreationFailure", "resourceIds": [self.owner_name],
                            "errorMessage": "Update failed (fault injected through /slipway/faults)"}]
        else:
            self._apply()
            self._final = "Successful"

    def cancel(self) -> None:
        if self._final is None:
            self._final = "Cancelled"


def _start_update(owner: Any, type_: str, params: list[dict[str, str]], apply: Callable[[], None]) -> Update:
    update = Update(owner, type_, params, apply)
    owner._sw_updates.append(update)
    update.finish_if_due()  # eksUpdateSeconds == 0: done at once, as moto does
    return update


def _require_active(kind: str, obj: Any) -> None:
    """EKS refuses an update while the resource is not ACTIVE (for example while another update runs): 409."""
    from moto.eks.exceptions import ResourceInUseException

    if obj.status != "ACTIVE":
        nodegroup = getattr(obj, "nodegroup_name", None)
        raise ResourceInUseException(
            clusterName=obj.cluster_name if nodegroup else obj.name, nodegroupName=nodegroup, addonName=None,
            message=f"{kind} {nodegroup or obj.name} is currently {obj.status}; it can be updated only when ACTIVE")


def _minor(version: str) -> tuple[int, int]:
    from moto.eks.exceptions import InvalidParameterException

    try:
        major, minor = version.split(".")[:2]
        return int(major), int(minor)
    except (AttributeError, ValueError):
        raise InvalidParameterException(message=f"Invalid Kubernetes version: {version}")


# ---------------------------------------------------------------------------------------------------------------
# moto.eks.models.Cluster and Nodegroup: status computed from deadlines


def _init_state(obj: Any) -> None:
    obj._sw_ready_at = now() + CONFIG["eksCreateSeconds"]
    obj._sw_gone_at = None  # set by a delete: the resource disappears at that time
    obj._sw_failed = _failing()
    obj._sw_updates = []


def _in_update(obj: Any) -> bool:
    return any(u.in_progress for u in obj._sw_updates)


def _cluster_status(cluster: Any) -> str:
    if cluster._sw_gone_at is not None:
        return "DELETING"
    if now() < cluster._sw_ready_at:
        return "CREATING"
    if cluster._sw_failed:
        return "FAILED"
    return "UPDATING" if _in_update(cluster) else "ACTIVE"


def _nodegroup_status(ng: Any) -> str:
    if ng._sw_gone_at is not None:
        return "DELETING"
    if now() < ng._sw_ready_at:
        return "CREATING"
    if ng._sw_failed:
        return "CREATE_FAILED"
    return "UPDATING" if _in_update(ng) else "ACTIVE"


def _ignore_set(self: Any, value: Any) -> None:
    """moto assigns status = ACTIVE in __init__; the computed property wins."""


def _nodegroup_health(ng: Any) -> dict[str, Any]:
    if ng.status == "CREATE_FAILED":
        return {"issues": [{"code": "AsgInstanceLaunchFailures", "resourceIds": [ng.resources["autoScalingGroups"][0]["name"]],
                            "message": "Instance launch failed (fault injected through /slipway/faults)"}]}
    return {"issues": []}


def _cluster_health(cluster: Any) -> dict[str, Any] | None:
    if cluster.status == "FAILED":
        return {"issues": [{"code": "InternalFailure", "resourceIds": [cluster.name],
                            "message": "Cluster creation failed (fault injected through /slipway/faults)"}]}
    return None


def _patch_models() -> None:
    from moto.eks import models

    cluster_init = models.Cluster.__init__
    nodegroup_init = models.Nodegroup.__init__

    def new_cluster_init(self: Any, *args: Any, **kwargs: Any) -> None:
        cluster_init(self, *args, **kwargs)
        _init_state(self)

    def new_nodegroup_init(self: Any, *args: Any, **kwargs: Any) -> None:
        nodegroup_init(self, *args, **kwargs)
        _init_state(self)
        self._sw_instances = []  # EC2 instance ids, oldest first
        # moto shares module-level defaults between node groups (DEFAULT_SCALING_CONFIG...) and mutates them on
        # update: give every node group its own copies.
        self.scaling_config = dict(self.scaling_config)
        self.labels = dict(self.labels)
        self.taints = list(self.taints)
        self.instance_types = list(self.instance_types)

    models.Cluster.__init__ = new_cluster_init
    models.Nodegroup.__init__ = new_nodegroup_init
    models.Cluster.status = property(_cluster_status, _ignore_set)
    models.Nodegroup.status = property(_nodegroup_status, _ignore_set)
    models.Cluster.health = property(_cluster_health, _ignore_set)
    models.Nodegroup.health = property(_nodegroup_health, _ignore_set)


# ---------------------------------------------------------------------------------------------------------------
# Node group instances in moto's EC2


def _ec2(eks: Any) -> Any:
    from moto.ec2.models import ec2_backends

    return ec2_backends[eks.account_id][eks.region_name]


def _placements(ec2: Any, ng: Any) -> list[tuple[str | None, str]]:
    """(subnet id, AZ) slots of a node group: its subnets that exist in EC2, else no subnet in <region>a/b/c."""
    slots = []
    for subnet_id in ng.subnets or []:
        try:
            slots.append((subnet_id, ec2.get_subnet(subnet_id).availability_zone))
        except Exception:  # moto.ec2.exceptions.InvalidSubnetIdError
            pass
    return slots or [(None, ec2.region_name + zone) for zone in "abc"]


def _live_instances(ec2: Any, ng: Any) -> list[Any]:
    """The node group's pending or running instances, oldest first (terminated out of band: no longer counted)."""
    live = []
    for instance_id in ng._sw_instances:
        try:
            instance = ec2.get_instance(instance_id)
        except Exception:  # moto.ec2.exceptions.InvalidInstanceIdError: gone (e.g. after a reset)
            continue
        if instance.state in ("pending", "running"):
            live.append(instance)
    return live


def _reconcile_instances(eks: Any, ng: Any) -> None:
    """Holds exactly desiredSize running instances while ACTIVE or UPDATING, none otherwise (like the EKS ASG)."""
    ec2 = _ec2(eks)
    live = _live_instances(ec2, ng)
    want = int(ng.scaling_config.get("desiredSize", 0)) if ng.status in ("ACTIVE", "UPDATING") else 0
    slots = _placements(ec2, ng)
    while len(live) < want:
        # Balance over the slots: the least used one, first in order on ties (round-robin from empty).
        used = [sum(1 for i in live if (i.subnet_id if s else i.placement.zone) == (s or az)) for s, az in slots]
        subnet_id, az = slots[used.index(min(used))]
        tags = {**ng.tags, "eks:cluster-name": ng.cluster_name, "eks:nodegroup-name": ng.nodegroup_name}
        reservation = ec2.run_instances(  # moto.ec2.models.instances.InstanceBackend.run_instances
            NODE_AMI, 1, None, [], instance_type=ng.instance_types[0], is_instance_type_default=False,
            region_name=ec2.region_name, subnet_id=subnet_id, placement=None if subnet_id else az,
            tags={"instance": tags})
        live.append(reservation.instances[0])
    if len(live) > want:  # scale down: newest first
        ec2.terminate_instances([i.id for i in live[want:]])
        live = live[:want]
    ng._sw_instances = [i.id for i in live]


def _terminate_all(eks: Any, ng: Any) -> None:
    ec2 = _ec2(eks)
    live = _live_instances(ec2, ng)
    if live:
        ec2.terminate_instances([i.id for i in live])
    ng._sw_instances = []


def _sweep(account_id: str, region: str) -> None:
    """Brings one region's EKS up to date: finishes due updates and deletions, reconciles instances."""
    from moto.eks.models import eks_backends

    try:
        eks = eks_backends[account_id][region]
    except Exception:  # not a region EKS knows
        return
    for cluster_name, cluster in list(eks.clusters.items()):
        for ng_name, ng in list(cluster.nodegroups.items()):
            for update in ng._sw_updates:
                update.finish_if_due()
            if ng._sw_gone_at is not None and now() >= ng._sw_gone_at:
                del cluster.nodegroups[ng_name]
                cluster.nodegroup_count -= 1
            else:
                _reconcile_instances(eks, ng)
        for update in cluster._sw_updates:
            update.finish_if_due()
        if cluster._sw_gone_at is not None and now() >= cluster._sw_gone_at:
            del eks.clusters[cluster_name]
            eks.cluster_count -= 1


# ---------------------------------------------------------------------------------------------------------------
# moto.eks.models.EKSBackend: deletes, updates and the operations moto lacks


def _patch_backend() -> None:
    from moto.eks import models
    from moto.eks.exceptions import InvalidParameterException, ResourceNotFoundException

    backend = models.EKSBackend
    moto_update_nodegroup_config = backend.update_nodegroup_config

    def delete_cluster(self: Any, name: str) -> Any:
        cluster = self.describe_cluster(name)
        models.validate_safe_to_delete(cluster)  # ResourceInUseException while it has node groups
        if cluster._sw_gone_at is None:
            cluster._sw_gone_at = now() + CONFIG["eksDeleteSeconds"]
            for update in cluster._sw_updates:
                update.cancel()
        return cluster

    def delete_nodegroup(self: Any, cluster_name: str, nodegroup_name: str) -> Any:
        ng = self.describe_nodegroup(cluster_name, nodegroup_name)
        if ng._sw_gone_at is None:
            ng._sw_gone_at = now() + CONFIG["eksDeleteSeconds"]
            for update in ng._sw_updates:
                update.cancel()
            _terminate_all(self, ng)  # at the start of the deletion
        return ng

    def update_nodegroup_config(self: Any, cluster_name: str, nodegroup_name: str, labels: Any = None,
                                taints: Any = None, scaling_config: Any = None, update_config: Any = None,
                                node_repair_config: Any = None, client_request_token: Any = None) -> Update:
        ng = self.describe_nodegroup(cluster_name, nodegroup_name)
        _require_active("Nodegroup", ng)
        if scaling_config:
            merged = {**ng.scaling_config, **scaling_config}
            if not merged.get("minSize", 0) <= merged.get("desiredSize", 0) <= merged.get("maxSize", 0):
                raise InvalidParameterException(
                    clusterName=cluster_name, nodegroupName=nodegroup_name,
                    message=f"Invalid scaling configuration {merged}: needs minSize <= desiredSize <= maxSize")
        params = []
        for key, kind in (("addOrUpdateLabels", "LabelsToAdd"), ("removeLabels", "LabelsToRemove")):
            if (labels or {}).get(key):
                params.append({"type": kind, "value": json.dumps(labels[key])})
        for key, kind in (("addOrUpdateTaints", "TaintsToAdd"), ("removeTaints", "TaintsToRemove")):
            if (taints or {}).get(key):
                params.append({"type": kind, "value": json.dumps(taints[key])})
        for key, kind in (("minSize", "MinSize"), ("maxSize", "MaxSize"), ("desiredSize", "DesiredSize")):
            if key in (scaling_config or {}):
                params.append({"type": kind, "value": str(scaling_config[key])})
        for key, kind in (("maxUnavailable", "MaxUnavailable"), ("maxUnavailablePercentage", "MaxUnavailablePercentage")):
            if key in (update_config or {}):
                params.append({"type": kind, "value": str(update_config[key])})
        if node_repair_config:
            params.append({"type": "NodeRepairEnabled", "value": str(node_repair_config.get("enabled"))})

        def apply() -> None:  # moto's own implementation applies the change, when the update completes
            moto_update_nodegroup_config(self, cluster_name, nodegroup_name, labels, taints, scaling_config,
                                         update_config, node_repair_config, client_request_token)

        return _start_update(ng, "ConfigUpdate", params, apply)

    def update_cluster_version(self: Any, name: str, version: str) -> Update:
        cluster = self.describe_cluster(name)
        _require_active("Cluster", cluster)
        current, target = _minor(cluster.version), _minor(version)
        if target != (current[0], current[1] + 1):
            raise InvalidParameterException(
                clusterName=name, message=f"Unsupported Kubernetes minor version update from {cluster.version} to {version}")
        platform = "eks.1"

        def apply() -> None:
            cluster.version = version
            cluster.platformVersion = platform

        return _start_update(cluster, "VersionUpdate", [{"type": "Version", "value": version},
                                                        {"type": "PlatformVersion", "value": platform}], apply)

    def update_nodegroup_version(self: Any, cluster_name: str, nodegroup_name: str, version: str | None = None,
                                 release_version: str | None = None, launch_template: Any = None) -> Update:
        cluster = self.describe_cluster(cluster_name)
        ng = self.describe_nodegroup(cluster_name, nodegroup_name)
        _require_active("Nodegroup", ng)
        target = version or cluster.version  # EKS: no version means the cluster's
        if _minor(target) > _minor(cluster.version):
            raise InvalidParameterException(
                clusterName=cluster_name, nodegroupName=nodegroup_name,
                message=f"Requested Nodegroup version {target} is newer than the cluster version {cluster.version}")
        if _minor(target) < _minor(ng.version):
            raise InvalidParameterException(
                clusterName=cluster_name, nodegroupName=nodegroup_name,
                message=f"Nodegroup version {ng.version} cannot be downgraded to {target}")
        release = release_version or f"{target}.0-{datetime.date.today():%Y%m%d}"
        params = [{"type": "Version", "value": target}, {"type": "ReleaseVersion", "value": release}]
        if launch_template:
            params += [{"type": "LaunchTemplateName", "value": str(launch_template.get("name", ""))},
                       {"type": "LaunchTemplateVersion", "value": str(launch_template.get("version", ""))}]

        def apply() -> None:
            ng.version = target
            ng.release_version = release
            if launch_template and ng.launch_template is not None:
                ng.launch_template.update(launch_template)
            _terminate_all(self, ng)  # new nodes replace the old ones (launched by the next reconcile)

        return _start_update(ng, "VersionUpdate", params, apply)

    def _owner(self: Any, name: str, nodegroup_name: str | None) -> Any:
        return self.describe_nodegroup(name, nodegroup_name) if nodegroup_name else self.describe_cluster(name)

    def describe_update(self: Any, name: str, update_id: str, nodegroup_name: str | None = None) -> Update:
        for update in _owner(self, name, nodegroup_name)._sw_updates:
            if update.id == update_id:
                return update
        raise ResourceNotFoundException(clusterName=name, nodegroupName=nodegroup_name, fargateProfileName=None,
                                        addonName=None, message=f"No update found for ID: {update_id}")

    def list_updates(self: Any, name: str, nodegroup_name: str | None = None) -> list[str]:
        return [u.id for u in _owner(self, name, nodegroup_name)._sw_updates]

    backend.delete_cluster = delete_cluster
    backend.delete_nodegroup = delete_nodegroup
    backend.update_nodegroup_config = update_nodegroup_config
    backend.update_cluster_version = update_cluster_version
    backend.update_nodegroup_version = update_nodegroup_version
    backend.describe_update = describe_update
    backend.list_updates = list_updates


def _patch_responses() -> None:
    from moto.core.responses import ActionResult
    from moto.eks import urls
    from moto.eks.responses import EKSResponse

    def update_cluster_version(self: Any) -> ActionResult:
        return ActionResult({"update": self.eks_backend.update_cluster_version(
            self._get_param("name"), self._get_param("version"))})

    def update_nodegroup_version(self: Any) -> ActionResult:
        return ActionResult({"update": self.eks_backend.update_nodegroup_version(
            self._get_param("name"), self._get_param("nodegroupName"), self._get_param("version"),
            self._get_param("releaseVersion"), self._get_param("launchTemplate"))})

    def describe_update(self: Any) -> ActionResult:
        return ActionResult({"update": self.eks_backend.describe_update(
            self._get_param("name"), self._get_param("updateId"), self._get_param("nodegroupName"))})

    def list_updates(self: Any) -> ActionResult:
        return ActionResult({"updateIds": self.eks_backend.list_updates(
            self._get_param("name"), self._get_param("nodegroupName"))})

    EKSResponse.update_cluster_version = update_cluster_version
    EKSResponse.update_nodegroup_version = update_nodegroup_version
    EKSResponse.describe_update = describe_update
    EKSResponse.list_updates = list_updates
    # The paths of the added operations (botocore's EKS model); moto's flask app is built from this dict.
    urls.url_paths.update({
        "{0}/clusters/(?P<name>[^/]+)/updates$": urls.response.dispatch,
        "{0}/clusters/(?P<name>[^/]+)/updates/(?P<updateId>[^/]+)$": urls.response.dispatch,
        "{0}/clusters/(?P<name>[^/]+)/node-groups/(?P<nodegroupName>[^/]+)/update-version$": urls.response.dispatch,
    })


# ---------------------------------------------------------------------------------------------------------------
# Faults and the request hook (moto.core.responses.BaseResponse.call_action)


def _take_fault(service: str, operation: str) -> dict[str, Any] | None:
    for fault in FAULTS:
        if fault["service"] == service and fault["operation"] == operation:
            fault["count"] -= 1
            if fault["count"] <= 0:
                FAULTS.remove(fault)
            return fault
    return None


def _fault_response(response: Any, kind: str) -> tuple[int, dict[str, str], str]:
    """The error each AWS protocol answers; the AWS SDK v2 retries all of them (throttling: 429 or a throttling
    error code, such as ThrottlingException, Throttling, RequestLimitExceeded; server errors: 5xx)."""
    from moto.core.responses import gen_amzn_requestid_long, get_service_model

    protocol = get_service_model(response.boto3_service_name).protocol
    request_id = gen_amzn_requestid_long()
    headers = {"x-amzn-RequestId": request_id, "x-amz-request-id": request_id}
    if protocol in ("rest-json", "json"):
        status, code, message = (429, "ThrottlingException", "Rate exceeded") if kind == "throttle" else \
            (500, "ServerException", "Internal service error (fault injected through /slipway/faults)")
        headers.update({"x-amzn-ErrorType": code, "Content-Type": "application/json"})
        return status, headers, json.dumps({"__type": code, "message": message})
    if protocol == "ec2":
        status, code, message = (503, "RequestLimitExceeded", "Request limit exceeded.") if kind == "throttle" else \
            (500, "InternalError", "An internal error has occurred (fault injected through /slipway/faults)")
        headers["Content-Type"] = "text/xml"
        return status, headers, (f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error>"
                                 f"</Errors><RequestID>{request_id}</RequestID></Response>")
    status, code, message = (400, "Throttling", "Rate exceeded") if kind == "throttle" else \
        (500, "ServiceFailure", "Internal service error (fault injected through /slipway/faults)")
    error_type = "Sender" if status < 500 else "Receiver"
    headers["Content-Type"] = "text/xml"
    return status, headers, (f"<ErrorResponse><Error><Type>{error_type}</Type><Code>{code}</Code>"
                             f"<Message>{message}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>")


def _patch_call_action() -> None:
    from moto.core.responses import BaseResponse

    moto_call_action = BaseResponse.call_action

    def call_action(self: Any) -> Any:
        with LOCK:
            _request.now = time.monotonic()
            try:
                service = self.service_name
                if service in ("eks", "ec2"):
                    _sweep(self.current_account, self.region)
                fault = _take_fault(service, self._get_action()) if FAULTS else None
                if fault and fault["kind"] != "fail":
                    return _fault_response(self, fault["kind"])
                _request.fail = fault is not None
                return moto_call_action(self)
            finally:
                _request.now = None
                _request.fail = False

    BaseResponse.call_action = call_action


def reset() -> None:
    with LOCK:
        CONFIG.clear()
        CONFIG.update(DEFAULT_CONFIG)
        FAULTS.clear()


def _patch_reset() -> None:
    from moto.moto_api._internal.models import MotoAPIBackend

    moto_reset = MotoAPIBackend.reset

    def reset_all(self: Any) -> None:
        with LOCK:
            moto_reset(self)  # drops every backend, with the EKS resources and their update records
            reset()

    MotoAPIBackend.reset = reset_all


# ---------------------------------------------------------------------------------------------------------------
# /slipway/config and /slipway/faults (moto.server.DomainDispatcherApplication)


def _valid_fault(body: Any) -> dict[str, Any]:
    from moto.core.responses import get_service_model

    if not isinstance(body, dict):
        raise ValueError("expected a JSON object")
    service, operation, kind = body.get("service"), body.get("operation"), body.get("kind")
    count = body.get("count", 1)
    if kind not in FAULT_KINDS:
        raise ValueError(f"kind must be one of {FAULT_KINDS}")
    if not isinstance(count, int) or count < 1:
        raise ValueError("count must be a positive integer")
    try:
        names = get_service_model(service).operation_names
    except Exception:
        raise ValueError(f"unknown service {service!r}")
    if operation not in names:
        raise ValueError(f"{service} has no operation {operation!r}")
    if kind == "fail" and (service, operation) not in FAILABLE:
        raise ValueError(f"kind 'fail' is supported only for {sorted(op for _, op in FAILABLE)} of eks")
    return {"service": service, "operation": operation, "kind": kind, "count": count}


def _slipway_api(method: str, path: str, body: bytes) -> tuple[int, Any]:
    with LOCK:
        try:
            data = json.loads(body or b"{}") if method in ("POST", "PUT") else None
            if path == "/slipway/config":
                if data is not None:
                    if not isinstance(data, dict) or any(k not in DEFAULT_CONFIG for k in data) or any(
                            not isinstance(v, (int, float)) or isinstance(v, bool) or v < 0 for v in data.values()):
                        raise ValueError(f"expected an object with non-negative numbers for {list(DEFAULT_CONFIG)}")
                    CONFIG.update({k: float(v) for k, v in data.items()})
                return 200, CONFIG
            if path == "/slipway/faults":
                if method == "DELETE":
                    FAULTS.clear()
                elif data is not None:
                    FAULTS.append(_valid_fault(data))
                return 200, {"faults": FAULTS}
            return 404, {"message": f"no such Slipway path: {path}"}
        except ValueError as e:  # includes json.JSONDecodeError
            return 400, {"message": str(e)}


def _patch_server() -> None:
    import moto.server
    from werkzeug.wrappers import Request, Response

    class SlipwayDispatcher(moto.server.DomainDispatcherApplication):
        def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
            if environ.get("PATH_INFO", "").startswith("/slipway/"):
                request = Request(environ)
                status, payload = _slipway_api(request.method, request.path.rstrip("/"), request.get_data())
                return Response(json.dumps(payload), status=status, mimetype="application/json")(
                    environ, start_response)
            return super().__call__(environ, start_response)

    moto.server.DomainDispatcherApplication = SlipwayDispatcher


def _patch_tags() -> None:
    """EKS tags node groups too (TagResource/UntagResource/ListTagsForResource on a node group ARN); moto 5.2.5's
    EKSBackend tags clusters only, so the node-group case is added around its methods."""
    from moto.eks import models

    backend = models.EKSBackend

    def find_nodegroup(self: Any, arn: str) -> Any:
        for cluster in self.clusters.values():
            for ng in cluster.nodegroups.values():
                if ng.arn == arn:
                    return ng
        return None

    def wrap(original: Callable[..., Any], on_nodegroup: Callable[..., Any]) -> Callable[..., Any]:
        def method(self: Any, resource_arn: str, *args: Any) -> Any:
            ng = find_nodegroup(self, resource_arn)
            return original(self, resource_arn, *args) if ng is None else on_nodegroup(ng, *args)
        return method

    def untag(ng: Any, keys: Any) -> None:
        for key in keys if isinstance(keys, list) else [keys]:
            ng.tags.pop(key, None)

    backend.tag_resource = wrap(backend.tag_resource, lambda ng, tags: ng.tags.update(tags))
    backend.untag_resource = wrap(backend.untag_resource, untag)
    backend.list_tags_for_resource = wrap(backend.list_tags_for_resource, lambda ng: ng.tags)


def install() -> None:
    _patch_models()
    _patch_backend()
    _patch_tags()
    _patch_responses()
    _patch_call_action()
    _patch_reset()
    _patch_server()
