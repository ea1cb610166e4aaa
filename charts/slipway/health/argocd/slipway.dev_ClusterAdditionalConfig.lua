-- Argo CD health check for slipway.dev/ClusterAdditionalConfig (resource.customizations.health.slipway.dev_ClusterAdditionalConfig in argocd-cm).
-- The four slipway.dev_*.lua files differ only in this first line (ArgoHealthChecksTest checks it).
-- Reads the kstatus-style status Slipway's controllers write (status.observedGeneration and the conditions Ready,
-- Reconciling, Stalled and Paused) in the order kstatus (Flux) reads it; the chart's README says where the two differ.
-- Uses only Lua's base library: Argo CD runs custom health checks without the string library.
local function findCondition(conditions, conditionType)
  if conditions == nil then
    return nil
  end
  for _, condition in ipairs(conditions) do
    if condition.type == conditionType then
      return condition
    end
  end
  return nil
end

local function isTrue(condition)
  return condition ~= nil and condition.status == "True"
end

local function describe(condition, fallback)
  if condition ~= nil and condition.message ~= nil and condition.message ~= "" then
    return condition.message
  end
  if condition ~= nil and condition.reason ~= nil and condition.reason ~= "" then
    return condition.reason
  end
  return fallback
end

local hs = {}
local metadata = obj.metadata or {}
local spec = obj.spec or {}
local status = obj.status
local conditions = nil
if status ~= nil then
  conditions = status.conditions
end
local ready = findCondition(conditions, "Ready")
local paused = findCondition(conditions, "Paused")
local stalled = findCondition(conditions, "Stalled")
local reconciling = findCondition(conditions, "Reconciling")

if metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "Being deleted: " .. describe(ready, "waiting for the controller to remove its cloud resources")
  return hs
end

if spec.paused == true then
  hs.status = "Suspended"
  hs.message = "spec.paused is true: Slipway does not act on this cluster or its nodepools"
  return hs
end

if isTrue(paused) then
  hs.status = "Suspended"
  hs.message = describe(paused, "Paused")
  return hs
end

if status == nil or conditions == nil or #conditions == 0 then
  hs.status = "Progressing"
  hs.message = "Waiting for the controller"
  return hs
end

if status.observedGeneration ~= nil and status.observedGeneration ~= metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the controller to observe generation " .. tostring(metadata.generation)
  return hs
end

if isTrue(stalled) then
  hs.status = "Degraded"
  hs.message = describe(stalled, "Stalled")
  return hs
end

if isTrue(reconciling) then
  hs.status = "Progressing"
  hs.message = describe(reconciling, "Reconciling")
  return hs
end

if isTrue(ready) and status.observedGeneration == metadata.generation then
  hs.status = "Healthy"
  hs.message = describe(ready, "Ready")
  return hs
end

if isTrue(ready) then
  hs.status = "Progressing"
  hs.message = "Waiting for the controller to record observedGeneration " .. tostring(metadata.generation)
  return hs
end

hs.status = "Progressing"
hs.message = describe(ready, "Waiting for the controller")
return hs
