package flinkrest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FlinkConfig is a flattened Flink configuration: "rest.port" → "8081",
// with the file and line each value came from, for error messages. The
// zero value is an empty configuration.
type FlinkConfig struct {
	// Path is the file read, "" when none.
	Path   string
	values map[string]string
	lines  map[string]int
}

// LoadConfig reads the Flink configuration in dir: flink-conf.yaml (flat
// "key: value" lines, Flink ≤ 1.x) when present, else config.yaml (standard
// YAML, nested maps joined with ".", Flink 1.19+ and 2.x). A directory
// without either gives an empty configuration; a missing directory is an
// error, since falling back to localhost would hide the mistake.
func LoadConfig(dir string) (FlinkConfig, error) {
	if info, err := os.Stat(dir); err != nil {
		return FlinkConfig{}, fmt.Errorf("flink configuration directory %s: %w", dir, errors.Unwrap(err))
	} else if !info.IsDir() {
		return FlinkConfig{}, fmt.Errorf("flink configuration directory %s: not a directory", dir)
	}
	cfg := FlinkConfig{values: map[string]string{}, lines: map[string]int{}}
	legacy := filepath.Join(dir, "flink-conf.yaml")
	if data, err := os.ReadFile(legacy); err == nil {
		cfg.Path = legacy
		cfg.parseLegacy(data)
		return cfg, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return FlinkConfig{}, fmt.Errorf("read flink configuration: %w", err)
	}
	path := filepath.Join(dir, "config.yaml")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return FlinkConfig{}, fmt.Errorf("read flink configuration: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return FlinkConfig{}, fmt.Errorf("parse %s: %w", path, err)
	}
	cfg.Path = path
	if len(root.Content) > 0 {
		if top := root.Content[0]; top.Kind != yaml.MappingNode && top.Kind != yaml.ScalarNode {
			return FlinkConfig{}, fmt.Errorf("%s:%d: want a map of settings (key: value)", path, top.Line)
		}
		cfg.flatten("", root.Content[0])
	}
	return cfg, nil
}

// parseLegacy follows GlobalConfiguration's flink-conf.yaml reader: split on
// the first ": ", drop everything after "#", ignore other lines; the last
// duplicate wins.
func (c FlinkConfig) parseLegacy(data []byte) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		key, value, ok := strings.Cut(line, ": ")
		if ok && strings.TrimSpace(key) != "" {
			c.values[strings.TrimSpace(key)] = strings.TrimSpace(value)
			c.lines[strings.TrimSpace(key)] = n
		}
	}
}

func (c FlinkConfig) flatten(prefix string, n *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			c.flatten(prefix+n.Content[i].Value+".", n.Content[i+1])
		}
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return
		}
		key := strings.TrimSuffix(prefix, ".")
		c.values[key] = n.Value
		c.lines[key] = n.Line
	case yaml.AliasNode:
		if n.Alias != nil {
			c.flatten(prefix, n.Alias)
		}
	case yaml.DocumentNode, yaml.SequenceNode:
		// Lists are not REST settings; they are left out.
	}
}

// Where names the file and line a key was read from.
func (c FlinkConfig) Where(key string) string {
	return fmt.Sprintf("%s:%d", c.Path, c.lines[key])
}

// Get returns the first of the keys that is set: a current key and its
// deprecated aliases, in Flink's order.
func (c FlinkConfig) Get(keys ...string) string {
	_, v := c.lookup(keys...)
	return v
}

// lookup is Get that also returns the key found.
func (c FlinkConfig) lookup(keys ...string) (string, string) {
	for _, k := range keys {
		if v, ok := c.values[k]; ok && v != "" {
			return k, v
		}
	}
	return "", ""
}

// RESTURL is the REST endpoint the configuration describes: rest.address
// (falling back to jobmanager.rpc.address) and rest.port (alias web.port,
// default 8081), https when security.ssl.rest.enabled is true. A port that
// is not a number from 1 to 65535 is an error naming the file and line.
func (c FlinkConfig) RESTURL() (string, error) {
	host := c.Get("rest.address", "jobmanager.rpc.address")
	if host == "" {
		host = "localhost"
	}
	key, port := c.lookup("rest.port", "web.port")
	if port == "" {
		port = "8081"
	} else if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return "", fmt.Errorf("%s: %s %q is not a port number (1 to 65535)", c.Where(key), key, port)
	}
	scheme := "http"
	if strings.EqualFold(c.Get("security.ssl.rest.enabled", "security.ssl.enabled"), "true") {
		scheme = "https"
	}
	return scheme + "://" + net.JoinHostPort(host, port), nil
}

// SavepointDir is the cluster's default savepoint directory, "" if unset.
func (c FlinkConfig) SavepointDir() string {
	return c.Get("execution.checkpointing.savepoint-dir", "state.savepoints.dir", "savepoints.state.backend.fs.dir")
}
