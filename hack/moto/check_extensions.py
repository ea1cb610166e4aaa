"""Checks Slipway's extensions of moto (slipway_ext.py, README.md) against a real server, with boto3.

    python hack/moto/check_extensions.py        # the virtualenv's python: bash hack/moto/install.sh prints it

Starts slipway_moto.py on a free loopback port, runs every check (each after POST /moto-api/reset), prints one
line per check and exits non-zero if any failed.
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
ROLE = "arn:aws:iam::123456789012:role/slipway-test"
REGION = "us-east-1"
ENDPOINT = ""


# ---------------------------------------------------------------------------------------------------------------
# helpers


def api(method: str, path: str, body: object = None) -> tuple[int, object]:
    data = json.dumps(body).encode() if body is not None else (b"" if method == "POST" else None)
    request = urllib.request.Request(ENDPOINT + path, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
            status = response.status
    except urllib.error.HTTPError as e:
        text, status = e.read(), e.code
    try:
        return status, json.loads(text or b"null")
    except ValueError:
        return status, text


def config(**values: float) -> None:
    status, body = api("POST", "/slipway/config", values)
    assert status == 200, body


def fault(service: str, operation: str, kind: str, count: int = 1) -> None:
    status, body = api("POST", "/slipway/faults", {"service": service, "operation": operation, "kind": kind,
                                                   "count": count})
    assert status == 200, body


def clients() -> tuple:
    kwargs = dict(endpoint_url=ENDPOINT, region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test",
                  config=Config(retries={"mode": "standard", "total_max_attempts": 1}))  # no retries: see every answer
    return boto3.client("eks", **kwargs), boto3.client("ec2", **kwargs)


def error(call, *args, **kwargs) -> tuple[str, int, dict]:
    """Calls and expects an error: (error code, HTTP status, headers)."""
    try:
        call(*args, **kwargs)
    except ClientError as e:
        meta = e.response["ResponseMetadata"]
        return e.response["Error"]["Code"], meta["HTTPStatusCode"], meta.get("HTTPHeaders", {})
    raise AssertionError(f"{call.__name__} succeeded; expected an error")


def wait_for(what: str, probe, expected, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value == expected:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: still {value!r} after {timeout} s, expected {expected!r}")
        time.sleep(0.1)


def cluster(eks, name="c1", version="1.33", wait=True) -> dict:
    created = eks.create_cluster(name=name, version=version, roleArn=ROLE,
                                 resourcesVpcConfig={"subnetIds": ["subnet-1"]})["cluster"]
    if wait:
        wait_for("cluster status", lambda: eks.describe_cluster(name=name)["cluster"]["status"], "ACTIVE")
    return created


def nodegroup(eks, name="ng", cluster_name="c1", desired=2, subnets=("subnet-missing1",), wait=True, **extra) -> dict:
    created = eks.create_nodegroup(
        clusterName=cluster_name, nodegroupName=name, nodeRole=ROLE, subnets=list(subnets),
        scalingConfig={"minSize": 0, "maxSize": 10, "desiredSize": desired}, instanceTypes=["m5.large", "m5a.large"],
        **extra)["nodegroup"]
    if wait:
        wait_for("node group status", lambda: ng_status(eks, name, cluster_name), "ACTIVE")
    return created


def ng_status(eks, name="ng", cluster_name="c1") -> str:
    return eks.describe_nodegroup(clusterName=cluster_name, nodegroupName=name)["nodegroup"]["status"]


def instances(ec2, nodegroup_name="ng", cluster_name="c1", state="running") -> list[dict]:
    filters = [{"Name": "tag:eks:nodegroup-name", "Values": [nodegroup_name]},
               {"Name": "tag:eks:cluster-name", "Values": [cluster_name]},
               {"Name": "instance-state-name", "Values": [state]}]
    found = [i for r in ec2.describe_instances(Filters=filters)["Reservations"] for i in r["Instances"]]
    return sorted(found, key=lambda i: (i["LaunchTime"], i["InstanceId"]))


def update_status(eks, update_id: str, nodegroup_name: str | None = None) -> str:
    extra = {"nodegroupName": nodegroup_name} if nodegroup_name else {}
    return eks.describe_update(name="c1", updateId=update_id, **extra)["update"]["status"]


# ---------------------------------------------------------------------------------------------------------------
# checks


def check_default_is_immediate(eks, ec2):
    cluster(eks, wait=False)
    assert eks.describe_cluster(name="c1")["cluster"]["status"] == "ACTIVE"
    nodegroup(eks, wait=False, desired=1)
    assert ng_status(eks) == "ACTIVE"
    assert len(instances(ec2)) == 1
    update = eks.update_nodegroup_config(clusterName="c1", nodegroupName="ng", scalingConfig={"desiredSize": 2})
    assert update["update"]["status"] == "Successful", update
    assert len(instances(ec2)) == 2
    eks.delete_nodegroup(clusterName="c1", nodegroupName="ng")
    assert error(eks.describe_nodegroup, clusterName="c1", nodegroupName="ng")[0] == "ResourceNotFoundException"
    eks.delete_cluster(name="c1")
    assert eks.list_clusters()["clusters"] == []


def check_create_transitions(eks, ec2):
    config(eksCreateSeconds=1)
    status, body = api("GET", "/slipway/config")
    assert body == {"eksCreateSeconds": 1.0, "eksDeleteSeconds": 0.0, "eksUpdateSeconds": 0.0}, body
    start = time.monotonic()
    assert cluster(eks, wait=False)["status"] == "CREATING"
    code, http_status, _ = error(nodegroup, eks, wait=False)
    assert (code, http_status) == ("InvalidRequestException", 400), (code, http_status)
    wait_for("cluster status", lambda: eks.describe_cluster(name="c1")["cluster"]["status"], "ACTIVE")
    assert time.monotonic() - start >= 0.9
    start = time.monotonic()
    assert nodegroup(eks, wait=False)["status"] == "CREATING"
    assert instances(ec2) == [], "no instances while CREATING"
    wait_for("node group status", lambda: ng_status(eks), "ACTIVE")
    assert time.monotonic() - start >= 0.9
    assert len(instances(ec2)) == 2


def check_delete(eks, ec2):
    cluster(eks)
    nodegroup(eks, desired=2)
    assert len(instances(ec2)) == 2
    config(eksDeleteSeconds=1)
    assert error(eks.delete_cluster, name="c1")[:2] == ("ResourceInUseException", 409), "node groups remain"
    start = time.monotonic()
    assert eks.delete_nodegroup(clusterName="c1", nodegroupName="ng")["nodegroup"]["status"] == "DELETING"
    assert instances(ec2) == [], "instances terminated at the start of the deletion"
    assert len(instances(ec2, state="terminated")) == 2
    assert ng_status(eks) == "DELETING"
    assert eks.list_nodegroups(clusterName="c1")["nodegroups"] == ["ng"]
    assert eks.delete_nodegroup(clusterName="c1", nodegroupName="ng")["nodegroup"]["status"] == "DELETING"
    wait_for("node group gone", lambda: eks.list_nodegroups(clusterName="c1")["nodegroups"], [])
    assert time.monotonic() - start >= 0.9
    assert error(eks.describe_nodegroup, clusterName="c1", nodegroupName="ng")[:2] == ("ResourceNotFoundException",
                                                                                         404)
    assert eks.delete_cluster(name="c1")["cluster"]["status"] == "DELETING"
    assert eks.describe_cluster(name="c1")["cluster"]["status"] == "DELETING"
    wait_for("cluster gone", lambda: eks.list_clusters()["clusters"], [])
    assert error(eks.describe_cluster, name="c1")[:2] == ("ResourceNotFoundException", 404)


def check_nodegroup_config_update(eks, ec2):
    cluster(eks)
    nodegroup(eks, desired=2)
    config(eksUpdateSeconds=1)
    update = eks.update_nodegroup_config(clusterName="c1", nodegroupName="ng", scalingConfig={"desiredSize": 3},
                                         labels={"addOrUpdateLabels": {"tier": "web"}})["update"]
    assert update["status"] == "InProgress" and update["type"] == "ConfigUpdate", update
    assert {"type": "DesiredSize", "value": "3"} in update["params"], update["params"]
    assert ng_status(eks) == "UPDATING"
    code, http_status, _ = error(eks.update_nodegroup_config, clusterName="c1", nodegroupName="ng",
                                 scalingConfig={"desiredSize": 4})
    assert (code, http_status) == ("ResourceInUseException", 409), (code, http_status)
    code, _, _ = error(eks.update_nodegroup_version, clusterName="c1", nodegroupName="ng")
    assert code == "ResourceInUseException", code
    assert update_status(eks, update["id"], "ng") == "InProgress"
    ng = eks.describe_nodegroup(clusterName="c1", nodegroupName="ng")["nodegroup"]
    assert ng["scalingConfig"]["desiredSize"] == 2 and "tier" not in ng["labels"], "applied only when done"
    assert len(instances(ec2)) == 2
    wait_for("update status", lambda: update_status(eks, update["id"], "ng"), "Successful")
    ng = eks.describe_nodegroup(clusterName="c1", nodegroupName="ng")["nodegroup"]
    assert ng["status"] == "ACTIVE" and ng["scalingConfig"]["desiredSize"] == 3 and ng["labels"]["tier"] == "web"
    assert len(instances(ec2)) == 3
    assert eks.list_updates(name="c1", nodegroupName="ng")["updateIds"] == [update["id"]]
    assert eks.list_updates(name="c1")["updateIds"] == [], "cluster updates are listed apart"
    assert error(update_status, eks, update["id"])[0] == "ResourceNotFoundException", "needs the nodegroupName"
    code, _, _ = error(eks.update_nodegroup_config, clusterName="c1", nodegroupName="ng",
                       scalingConfig={"desiredSize": 11})
    assert code == "InvalidParameterException", code


def check_cluster_version_update(eks, ec2):
    cluster(eks, version="1.33")
    config(eksUpdateSeconds=1)
    for bad in ("1.35", "1.32", "1.33", "x"):
        code, http_status, _ = error(eks.update_cluster_version, name="c1", version=bad)
        assert (code, http_status) == ("InvalidParameterException", 400), (bad, code, http_status)
    update = eks.update_cluster_version(name="c1", version="1.34")["update"]
    assert update["status"] == "InProgress" and update["type"] == "VersionUpdate", update
    assert {"type": "Version", "value": "1.34"} in update["params"], update["params"]
    described = eks.describe_cluster(name="c1")["cluster"]
    assert (described["status"], described["version"]) == ("UPDATING", "1.33"), described
    assert error(eks.update_cluster_version, name="c1", version="1.34")[:2] == ("ResourceInUseException", 409)
    assert eks.list_updates(name="c1")["updateIds"] == [update["id"]]
    wait_for("update status", lambda: update_status(eks, update["id"]), "Successful")
    described = eks.describe_cluster(name="c1")["cluster"]
    assert (described["status"], described["version"]) == ("ACTIVE", "1.34"), described


def check_nodegroup_version_update(eks, ec2):
    cluster(eks, version="1.33")
    nodegroup(eks, desired=2, version="1.33")
    before = {i["InstanceId"] for i in instances(ec2)}
    assert error(eks.update_nodegroup_version, clusterName="c1", nodegroupName="ng",
                 version="1.34")[0] == "InvalidParameterException", "newer than the cluster"
    eks.update_cluster_version(name="c1", version="1.34")
    config(eksUpdateSeconds=1)
    update = eks.update_nodegroup_version(clusterName="c1", nodegroupName="ng")["update"]  # to the cluster's
    assert update["type"] == "VersionUpdate" and {"type": "Version", "value": "1.34"} in update["params"], update
    assert ng_status(eks) == "UPDATING"
    wait_for("update status", lambda: update_status(eks, update["id"], "ng"), "Successful")
    ng = eks.describe_nodegroup(clusterName="c1", nodegroupName="ng")["nodegroup"]
    assert (ng["status"], ng["version"]) == ("ACTIVE", "1.34"), ng
    assert ng["releaseVersion"].startswith("1.34"), ng["releaseVersion"]
    after = {i["InstanceId"] for i in instances(ec2)}
    assert len(after) == 2 and not after & before, "nodes replaced"


def check_instances(eks, ec2):
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = {zone: ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{n}.0/24", AvailabilityZone=REGION + zone)
               ["Subnet"]["SubnetId"] for n, zone in enumerate("abc")}
    cluster(eks)
    nodegroup(eks, desired=3, subnets=list(subnets.values()), tags={"team": "payments"})
    found = instances(ec2)
    assert len(found) == 3
    assert sorted(i["Placement"]["AvailabilityZone"] for i in found) == [REGION + z for z in "abc"]
    assert {i["Placement"]["AvailabilityZone"]: i["SubnetId"] for i in found} == {
        REGION + z: s for z, s in subnets.items()}
    for i in found:
        assert i["ImageId"] == "ami-760aaa0f" and "Platform" not in i, "Amazon Linux, not Windows"
        tags = {t["Key"]: t["Value"] for t in i["Tags"]}
        assert tags == {"eks:cluster-name": "c1", "eks:nodegroup-name": "ng", "team": "payments"}, tags
        assert i["InstanceType"] == "m5.large"
    # Scale down terminates the newest first; scale up balances over the zones again.
    eks.update_nodegroup_config(clusterName="c1", nodegroupName="ng", scalingConfig={"desiredSize": 1})
    # (launched in zone order a, b, c within the same second: the zone tells the launch order)
    remaining = [(i["InstanceId"], i["Placement"]["AvailabilityZone"]) for i in instances(ec2)]
    first = next(i["InstanceId"] for i in found if i["Placement"]["AvailabilityZone"] == REGION + "a")
    assert remaining == [(first, REGION + "a")], remaining
    assert len(instances(ec2, state="terminated")) == 2
    eks.update_nodegroup_config(clusterName="c1", nodegroupName="ng", scalingConfig={"desiredSize": 3})
    assert sorted(i["Placement"]["AvailabilityZone"] for i in instances(ec2)) == [REGION + z for z in "abc"]
    # An instance terminated out of band is replaced, as the node group's ASG does.
    ec2.terminate_instances(InstanceIds=[first])
    assert len(instances(ec2)) == 3
    # Subnets unknown to EC2: no subnet given, zones <region>a/b/c round-robin.
    nodegroup(eks, name="ng2", desired=4, subnets=["subnet-0123456789abcdef0"])
    zones = sorted(i["Placement"]["AvailabilityZone"] for i in instances(ec2, "ng2"))
    assert zones == [REGION + z for z in "aabc"], zones
    assert len(instances(ec2)) == 3, "other node groups untouched"


def check_fault_throttle(eks, ec2):
    cluster(eks)
    fault("eks", "CreateNodegroup", "throttle", count=2)
    status, body = api("GET", "/slipway/faults")
    assert body == {"faults": [{"service": "eks", "operation": "CreateNodegroup", "kind": "throttle", "count": 2}]}
    for remaining in (1, 0):
        code, http_status, headers = error(nodegroup, eks, wait=False)
        assert (code, http_status) == ("ThrottlingException", 429), (code, http_status)
        assert headers.get("x-amzn-errortype") == "ThrottlingException", headers
        assert len(api("GET", "/slipway/faults")[1]["faults"]) == remaining
    nodegroup(eks)
    fault("ec2", "DescribeInstances", "throttle")
    assert error(instances, ec2)[:2] == ("RequestLimitExceeded", 503)
    assert len(instances(ec2)) == 2


def check_fault_server_error(eks, ec2):
    cluster(eks)
    fault("eks", "DescribeCluster", "server-error")
    assert error(eks.describe_cluster, name="c1")[:2] == ("ServerException", 500)
    assert eks.describe_cluster(name="c1")["cluster"]["status"] == "ACTIVE"
    fault("ec2", "DescribeInstances", "server-error")
    assert error(instances, ec2)[:2] == ("InternalError", 500)
    fault("iam", "GetRole", "throttle")
    iam = boto3.client("iam", endpoint_url=ENDPOINT, region_name=REGION, aws_access_key_id="test",
                       aws_secret_access_key="test", config=Config(retries={"mode": "standard", "total_max_attempts": 1}))
    assert error(iam.get_role, RoleName="x")[:2] == ("Throttling", 400)


def check_fault_fail(eks, ec2):
    cluster(eks)
    config(eksCreateSeconds=1)
    fault("eks", "CreateNodegroup", "fail")
    assert nodegroup(eks, wait=False)["status"] == "CREATING"
    wait_for("node group status", lambda: ng_status(eks), "CREATE_FAILED")
    issues = eks.describe_nodegroup(clusterName="c1", nodegroupName="ng")["nodegroup"]["health"]["issues"]
    assert [i["code"] for i in issues] == ["AsgInstanceLaunchFailures"], issues
    assert instances(ec2) == []
    assert api("GET", "/slipway/faults")[1] == {"faults": []}
    # A failed update: the change is not applied.
    nodegroup(eks, name="ng2", desired=1)
    config(eksUpdateSeconds=1)
    fault("eks", "UpdateNodegroupConfig", "fail")
    update = eks.update_nodegroup_config(clusterName="c1", nodegroupName="ng2",
                                         scalingConfig={"desiredSize": 2})["update"]
    wait_for("update status", lambda: update_status(eks, update["id"], "ng2"), "Failed")
    described = eks.describe_update(name="c1", updateId=update["id"], nodegroupName="ng2")["update"]
    assert described["errors"] and described["errors"][0]["errorCode"] == "NodeCreationFailure", described
    ng = eks.describe_nodegroup(clusterName="c1", nodegroupName="ng2")["nodegroup"]
    assert (ng["status"], ng["scalingConfig"]["desiredSize"]) == ("ACTIVE", 1), ng
    # Faults the server cannot honour are refused.
    for bad in ({"service": "eks", "operation": "DescribeCluster", "kind": "fail"},
                {"service": "eks", "operation": "NoSuchOperation", "kind": "throttle"},
                {"service": "eks", "operation": "DescribeCluster", "kind": "explode"}):
        assert api("POST", "/slipway/faults", bad)[0] == 400, bad


def check_reset(eks, ec2):
    config(eksCreateSeconds=5, eksUpdateSeconds=5)
    fault("eks", "DescribeCluster", "throttle", count=3)
    cluster(eks, wait=False)
    assert api("POST", "/moto-api/reset")[0] == 200
    assert api("GET", "/slipway/config")[1] == {"eksCreateSeconds": 0.0, "eksDeleteSeconds": 0.0,
                                                "eksUpdateSeconds": 0.0}
    assert api("GET", "/slipway/faults")[1] == {"faults": []}
    assert eks.list_clusters()["clusters"] == []
    cluster(eks, wait=False)
    assert eks.list_updates(name="c1")["updateIds"] == []
    assert api("POST", "/slipway/config", {"eksCreateSeconds": -1})[0] == 400
    assert api("POST", "/slipway/config", {"unknown": 1})[0] == 400


CHECKS = [check_default_is_immediate, check_create_transitions, check_delete, check_nodegroup_config_update,
          check_cluster_version_update, check_nodegroup_version_update, check_instances, check_fault_throttle,
          check_fault_server_error, check_fault_fail, check_reset]


# ---------------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    global ENDPOINT
    port = free_port()
    ENDPOINT = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="slipway-moto-check-", suffix=".log", delete=False)
    server = subprocess.Popen([sys.executable, os.path.join(HERE, "slipway_moto.py"), "-H", "127.0.0.1", "-p",
                               str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not (_listening(port) and api("GET", "/slipway/config")[0] == 200):
            if server.poll() is not None or time.monotonic() > deadline:
                print(f"moto did not start; log: {log.name}")
                return 2
            time.sleep(0.2)
        failed = []
        for check in CHECKS:
            api("POST", "/moto-api/reset")
            start = time.monotonic()
            try:
                check(*clients())
                print(f"PASS {check.__name__} ({time.monotonic() - start:.1f} s)", flush=True)
            except Exception:
                failed.append(check.__name__)
                print(f"FAIL {check.__name__}\n{traceback.format_exc()}", flush=True)
        print(f"{len(CHECKS) - len(failed)}/{len(CHECKS)} checks passed" + (f"; failed: {failed}" if failed else "")
              + f"; server log: {log.name}")
        return 1 if failed else 0
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


if __name__ == "__main__":
    sys.exit(main())
