// Command uidcheck finds Flink operators whose state cannot be restored from a
// savepoint, reads savepoint metadata and predicts whether a resume will work.
package main

import (
	"os"

	"github.com/uidcheck/uidcheck/internal/cli"
)

func main() { os.Exit(int(cli.Main())) }
