package uidcheck;

import java.io.File;
import java.io.InputStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * Runs a MiniDFSCluster with one datanode on 127.0.0.1 until standard input
 * closes. Arguments: a base directory for its storage, then
 * LOCAL=HDFSPATH[=OCTALMODE] copied in with Hadoop's own client before it
 * reports ready. Ready is one line on standard output:
 * "ready hdfs://127.0.0.1:PORT".
 */
public final class MiniHDFS {
  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(args[0]).getAbsolutePath());
    // Small blocks so a savepoint's _metadata spans several, as large ones do.
    conf.setLong("dfs.blocksize", 16384);
    conf.setInt("dfs.bytes-per-checksum", 512);
    conf.setLong("dfs.namenode.fs-limits.min-block-size", 512);
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf)
        .numDataNodes(1)
        .format(true)
        .build();
    cluster.waitActive();
    FileSystem fs = cluster.getFileSystem();
    for (int i = 1; i < args.length; i++) {
      String[] parts = args[i].split("=");
      Path dst = new Path(parts[1]);
      fs.mkdirs(dst.getParent());
      fs.copyFromLocalFile(false, true, new Path(parts[0]), dst);
      if (parts.length > 2) {
        fs.setPermission(dst, new FsPermission(Short.parseShort(parts[2], 8)));
      }
    }
    System.out.println("ready hdfs://127.0.0.1:" + cluster.getNameNodePort());
    System.out.flush();
    InputStream in = System.in;
    byte[] buf = new byte[256];
    while (in.read(buf) >= 0) {
      // Runs until the test closes its end.
    }
    cluster.shutdown(true);
  }
}
