package main

// Fault injection on a cluster: delete one broker pod (grace period 0, as a crash) through the
// Kubernetes API with the pod's service account — plain HTTPS, no client library. The
// messaging chart grants the harness's service account `delete` on pods in its namespace only.

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

const saDir = "/var/run/secrets/kubernetes.io/serviceaccount"

// injectFault waits until AtSeconds into the run, resolves the target pod and deletes it.
func (e *Engine) injectFault(ctx context.Context, runStart time.Time) {
	f := e.w.Fault
	select {
	case <-time.After(time.Until(runStart.Add(secondsDur(f.AtSeconds)))):
	case <-ctx.Done():
		return
	}
	at := time.Since(runStart).Seconds()
	pod := f.Target
	var resolveErr error
	if pod == "leader" {
		rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		pod, resolveErr = e.d.LeaderPod(rctx, f)
		cancel()
		if resolveErr != nil || pod == "" {
			pod = f.FallbackPod
		}
	}
	err := deletePod(ctx, f.Namespace, pod)
	line := map[string]any{"type": "fault", "t": roundTo(at, 3), "unixMs": time.Now().UnixMilli(), "action": "delete-pod", "target": pod, "ok": err == nil}
	if resolveErr != nil {
		line["leaderLookup"] = resolveErr.Error()
	}
	if err != nil {
		line["error"] = err.Error()
	}
	e.out.Emit(line)
}

// deletePod deletes namespace/pod with gracePeriodSeconds 0 using the in-cluster credentials.
func deletePod(ctx context.Context, namespace, pod string) error {
	if pod == "" || namespace == "" {
		return fmt.Errorf("no pod to delete (namespace %q, pod %q)", namespace, pod)
	}
	host, port := os.Getenv("KUBERNETES_SERVICE_HOST"), os.Getenv("KUBERNETES_SERVICE_PORT")
	if host == "" {
		return fmt.Errorf("not in a cluster (KUBERNETES_SERVICE_HOST unset): the local target kills the broker process itself")
	}
	token, err := os.ReadFile(saDir + "/token")
	if err != nil {
		return fmt.Errorf("service account token: %w", err)
	}
	ca, err := os.ReadFile(saDir + "/ca.crt")
	if err != nil {
		return fmt.Errorf("service account CA: %w", err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	url := fmt.Sprintf("https://%s:%s/api/v1/namespaces/%s/pods/%s", host, port, namespace, pod)
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, url, strings.NewReader(`{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0}`))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(string(token)))
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("DELETE pod %s/%s: %s: %s", namespace, pod, resp.Status, strings.TrimSpace(string(body)))
	}
	return nil
}
