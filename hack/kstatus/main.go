// Command slipway-kstatus prints how kstatus judges Kubernetes objects: the
// library Flux, Argo CD's gitops-engine-like tools, kpt and Helm 4's --wait
// use to decide whether an applied object is Current, InProgress, Failed,
// Terminating or NotFound.
//
//	slipway-kstatus < objects
//
// stdin: a JSON array of objects, a JSON object (a single object or a List
// with items), or YAML documents separated by "---".
// stdout: one JSON line per object, in input order:
//
//	{"kind":"NodePool","name":"pool-a","status":"InProgress","message":"..."}
//
// where status and message are status.Compute's Status and Message.
// Exit status 1 (message on stderr) if the input does not parse or kstatus
// rejects an object (for example a malformed status.conditions).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
)

type line struct {
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Status  string `json:"status"`
	Message string `json:"message"`
}

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "slipway-kstatus:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer) error {
	data, err := io.ReadAll(in)
	if err != nil {
		return fmt.Errorf("reading stdin: %w", err)
	}
	objects, err := parse(data)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	for i, obj := range objects {
		u := &unstructured.Unstructured{Object: obj}
		res, err := status.Compute(u)
		if err != nil {
			return fmt.Errorf("object %d (%s %s): %w", i, u.GetKind(), u.GetName(), err)
		}
		if err := enc.Encode(line{Kind: u.GetKind(), Name: u.GetName(), Status: res.Status.String(), Message: res.Message}); err != nil {
			return err
		}
	}
	return w.Flush()
}

// parse accepts a JSON array, a JSON object (a List's items are expanded) or
// a YAML stream; empty YAML documents are skipped. Numbers become int64 where
// they are integral (apimachinery's JSON decoding, as an API client sees
// them): kstatus reads metadata.generation and status.observedGeneration as
// int64 and rejects a float64.
func parse(data []byte) ([]map[string]interface{}, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var items []interface{}
		if err := utiljson.Unmarshal(trimmed, &items); err != nil {
			return nil, fmt.Errorf("parsing the JSON array: %w", err)
		}
		return asObjects(items, "array element")
	}
	var objects []map[string]interface{}
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	for {
		// Each document as JSON first, so that utiljson decides number types.
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if errors.Is(err, io.EOF) {
				return objects, nil
			}
			return nil, fmt.Errorf("parsing document %d: %w", len(objects)+1, err)
		}
		var obj map[string]interface{}
		if len(raw) == 0 || string(raw) == "null" {
			continue
		}
		if err := utiljson.Unmarshal(raw, &obj); err != nil {
			return nil, fmt.Errorf("parsing document %d: %w", len(objects)+1, err)
		}
		if items, ok := obj["items"].([]interface{}); ok && obj["kind"] == "List" {
			listed, err := asObjects(items, "List item")
			if err != nil {
				return nil, err
			}
			objects = append(objects, listed...)
			continue
		}
		objects = append(objects, obj)
	}
}

func asObjects(items []interface{}, what string) ([]map[string]interface{}, error) {
	objects := make([]map[string]interface{}, 0, len(items))
	for i, item := range items {
		m, ok := item.(map[string]interface{})
		if !ok {
			return nil, fmt.Errorf("%s %d is not an object", what, i)
		}
		objects = append(objects, m)
	}
	return objects, nil
}
