// Command s3server runs the tests' S3-compatible server (internal/s3server)
// on loopback for the real-Flink suite, which points Flink's S3 plugin at
// it: it prints the endpoint URL and serves until SIGTERM or SIGINT.
//
//	s3server -bucket savepoints -access-key AK -secret-key SK
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/uidcheck/uidcheck/internal/s3server"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	bucket := flag.String("bucket", "savepoints", "bucket to create")
	ak := flag.String("access-key", "", "the only access key accepted")
	sk := flag.String("secret-key", "", "its secret key")
	flag.Parse()
	if *ak == "" || *sk == "" {
		fmt.Fprintln(os.Stderr, "s3server: -access-key and -secret-key are required")
		os.Exit(2)
	}
	srv, err := s3server.Start(*addr, *ak, *sk, *bucket)
	if err != nil {
		fmt.Fprintln(os.Stderr, "s3server:", err)
		os.Exit(2)
	}
	fmt.Println(srv.URL)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
	<-stop
	_ = srv.Close()
}
