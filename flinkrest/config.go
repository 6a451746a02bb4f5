package flinkrest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FlinkConfig is a flattened Flink configuration: "rest.port" → "8081".
type FlinkConfig map[string]string

// LoadConfig reads the Flink configuration in dir: flink-conf.yaml (flat
// "key: value" lines, Flink ≤ 1.x) when present, else config.yaml (standard
// YAML, nested maps joined with ".", Flink 1.19+ and 2.x). A directory
// without either gives an empty configuration.
func LoadConfig(dir string) (FlinkConfig, error) {
	legacy := filepath.Join(dir, "flink-conf.yaml")
	if data, err := os.ReadFile(legacy); err == nil {
		return parseLegacy(data), nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read flink configuration: %w", err)
	}
	path := filepath.Join(dir, "config.yaml")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return FlinkConfig{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read flink configuration: %w", err)
	}
	var root map[string]any
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	cfg := FlinkConfig{}
	flatten(cfg, "", root)
	return cfg, nil
}

// parseLegacy follows GlobalConfiguration's flink-conf.yaml reader: split on
// the first ": ", drop everything after "#", ignore other lines; the last
// duplicate wins.
func parseLegacy(data []byte) FlinkConfig {
	cfg := FlinkConfig{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		key, value, ok := strings.Cut(line, ": ")
		if ok && strings.TrimSpace(key) != "" {
			cfg[strings.TrimSpace(key)] = strings.TrimSpace(value)
		}
	}
	return cfg
}

func flatten(cfg FlinkConfig, prefix string, v any) {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			flatten(cfg, prefix+k+".", child)
		}
	case nil:
	default:
		cfg[strings.TrimSuffix(prefix, ".")] = fmt.Sprint(t)
	}
}

// Get returns the first of the keys that is set: a current key and its
// deprecated aliases, in Flink's order.
func (c FlinkConfig) Get(keys ...string) string {
	for _, k := range keys {
		if v, ok := c[k]; ok && v != "" {
			return v
		}
	}
	return ""
}

// RESTURL is the REST endpoint the configuration describes: rest.address
// (falling back to jobmanager.rpc.address) and rest.port (alias web.port,
// default 8081), https when security.ssl.rest.enabled is true.
func (c FlinkConfig) RESTURL() string {
	host := c.Get("rest.address", "jobmanager.rpc.address")
	if host == "" {
		host = "localhost"
	}
	port := c.Get("rest.port", "web.port")
	if port == "" {
		port = "8081"
	}
	scheme := "http"
	if strings.EqualFold(c.Get("security.ssl.rest.enabled", "security.ssl.enabled"), "true") {
		scheme = "https"
	}
	return scheme + "://" + host + ":" + port
}

// SavepointDir is the cluster's default savepoint directory, "" if unset.
func (c FlinkConfig) SavepointDir() string {
	return c.Get("execution.checkpointing.savepoint-dir", "state.savepoints.dir", "savepoints.state.backend.fs.dir")
}
