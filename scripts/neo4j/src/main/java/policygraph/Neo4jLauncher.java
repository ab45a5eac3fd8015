package policygraph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j Community, embedded, reachable only over Bolt on 127.0.0.1 without auth.
 *
 * <p>Usage: {@code Neo4jLauncher --port N --data-dir DIR [--page-cache-mb M] [--ignore-stdin]}
 *
 * <p>Prints {@code NEO4J_READY bolt://127.0.0.1:N} on stdout once the default database
 * accepts work. Stops on SIGTERM/SIGINT and, unless {@code --ignore-stdin} is given, when stdin
 * reaches EOF: the parent keeps a pipe to our stdin open, so when the parent dies for any reason
 * (even SIGKILL) the pipe closes and this JVM goes too instead of living on as an orphan.
 */
public final class Neo4jLauncher {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        int port = -1;
        Path dataDir = null;
        long pageCacheMb = 256;
        boolean watchStdin = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath();
                case "--page-cache-mb" -> pageCacheMb = Long.parseLong(args[++i]);
                case "--ignore-stdin" -> watchStdin = false;
                default -> usage("unknown argument: " + args[i]);
            }
        }
        if (port < 1 || port > 65535) usage("--port must be 1..65535");
        if (dataDir == null) usage("--data-dir is required");
        Files.createDirectories(dataDir);

        // Started before the database so that a parent dying during startup is noticed too.
        if (watchStdin) {
            Thread watcher = new Thread(Neo4jLauncher::exitAtStdinEof, "stdin-eof-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(dataDir)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    // The HTTP connectors are not on this classpath anyway; say so explicitly.
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    // Only ever bound to loopback, for development and tests.
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    // Usage reporting would try to reach neo4j.com; the machines here have no such network.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                    // Pre-allocating 256 MiB transaction log files per database only costs disk here.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // Netty waits a 5 s quiet period per event loop group on shutdown (10 s in all); the
                    // database is already stopped by then, so a dev/test instance need not wait.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
        } catch (RuntimeException e) {
            e.printStackTrace();
            // Neo4j wraps the real reason (port taken, disk full, locked store) several levels deep.
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            System.err.println("Neo4jLauncher: could not start Neo4j: " + root.getMessage());
            System.exit(1);
            return;
        }

        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                System.err.println("Neo4jLauncher: shutting down");
                dbms.shutdown();
                System.err.println("Neo4jLauncher: stopped");
            }
        };
        // The JVM runs shutdown hooks on SIGTERM, SIGINT and System.exit, so every stop path ends here.
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(START_TIMEOUT.toMillis())) {
            System.err.println("Neo4jLauncher: database did not become available within " + START_TIMEOUT);
            System.exit(1);
        }

        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();
    }

    private static void exitAtStdinEof() {
        byte[] buf = new byte[256];
        try (InputStream in = System.in) {
            while (in.read(buf) >= 0) {
                // Whatever the parent writes is ignored; only EOF matters.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone just as surely as EOF does.
        }
        System.err.println("Neo4jLauncher: stdin closed (parent gone), exiting");
        System.exit(0);
    }

    private static void usage(String problem) {
        System.err.println("Neo4jLauncher: " + problem);
        System.err.println("usage: Neo4jLauncher --port N --data-dir DIR [--page-cache-mb M] [--ignore-stdin]");
        System.exit(2);
    }
}
