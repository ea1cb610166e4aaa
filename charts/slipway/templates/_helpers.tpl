{{/*
Name of every namespaced object and of the ClusterRoles and their bindings: fullnameOverride, else
slipway-controllers. It is also the leader-election Lease and the operator-settings ConfigMap the controllers read
(passed to them as environment variables), so a fullnameOverride keeps them consistent.
*/}}
{{- define "slipway.fullname" -}}
{{- default "slipway-controllers" .Values.fullnameOverride | trunc 52 | trimSuffix "-" -}}
{{- end -}}

{{- define "slipway.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select the controllers' pods; never change them (Deployment selectors are immutable). */}}
{{- define "slipway.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: controllers
{{- end -}}

{{- define "slipway.labels" -}}
helm.sh/chart: {{ include "slipway.chart" . }}
{{ include "slipway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: slipway
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "slipway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "slipway.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name must name an existing ServiceAccount when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* repository:tag, repository:tag@digest with a digest. */}}
{{- define "slipway.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if .Values.image.digest -}}
{{- printf "%s:%s@%s" .Values.image.repository $tag .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* Checks across values that the schema cannot express. */}}
{{- define "slipway.validate" -}}
{{- if and (gt (int .Values.replicas) 1) (not .Values.leaderElection.enabled) -}}
{{- fail "leaderElection.enabled must be true when replicas > 1: without a Lease every replica would reconcile the same objects" -}}
{{- end -}}
{{- if and .Values.providers.azure.workloadIdentity.enabled (not .Values.providers.azure.workloadIdentity.clientId) -}}
{{- fail "providers.azure.workloadIdentity.clientId is required when providers.azure.workloadIdentity.enabled is true" -}}
{{- end -}}
{{- end -}}
