package io.fpolab.cli;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Slurm cluster for tests, on 127.0.0.1 with its configuration, state and logs in a temporary
 * folder (see {@code shared/docs/slurm.md} for the facts it rests on). It installs Slurm and munge with apt when
 * {@code sbatch} is missing and it runs as root, starts munged (unless it already answers), slurmctld and slurmd on
 * free ports, and stops exactly the daemons it started. Clients find the cluster through {@link #env()}
 * ({@code SLURM_CONF}).
 */
final class LocalSlurm implements AutoCloseable {
    /** Why the cluster cannot be started here; the test is skipped with it. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String reason) {
            super(reason);
        }
    }

    private final Path dir;
    private final Path conf;
    private final List<Long> started = new ArrayList<>();
    private boolean controller;

    private LocalSlurm(Path dir) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
    }

    /** Installs (if needed) and starts a cluster in {@code dir}, or says why it cannot. */
    static LocalSlurm start(Path dir) throws Unavailable, IOException, InterruptedException {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            throw new Unavailable("a local Slurm cluster needs Linux");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean daemons = Files.isExecutable(Path.of("/usr/sbin/slurmctld")) && Files.isExecutable(Path.of("/usr/sbin/slurmd"));
        if (SlurmCommands.onPath("sbatch").isEmpty() || !daemons) {
            if (!root) {
                throw new Unavailable("Slurm is not installed and installing it (apt-get) needs root");
            }
            if (SlurmCommands.onPath("apt-get").isEmpty()) {
                throw new Unavailable("Slurm is not installed and there is no apt-get to install it");
            }
            Result r = run(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "slurmctld", "slurmd",
                    "slurm-client", "munge"), Map.of("DEBIAN_FRONTEND", "noninteractive"), 600);
            if (r.code != 0) {
                r = run(List.of("apt-get", "update", "-q"), Map.of(), 600);
                r = r.code != 0 ? r : run(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends",
                        "slurmctld", "slurmd", "slurm-client", "munge"), Map.of("DEBIAN_FRONTEND", "noninteractive"), 600);
            }
            if (r.code != 0 || SlurmCommands.onPath("sbatch").isEmpty()) {
                throw new Unavailable("installing slurmctld slurmd slurm-client munge failed: " + r.tail());
            }
        } else if (!root) {
            throw new Unavailable("starting slurmctld and slurmd as their own SlurmUser needs root");
        }
        LocalSlurm slurm = new LocalSlurm(dir);
        try {
            slurm.startMunge();
            slurm.startDaemons();
        } catch (Unavailable | IOException | RuntimeException e) {
            slurm.close();
            throw e;
        }
        return slurm;
    }

    /** The environment Slurm's clients need to reach this cluster. */
    Map<String, String> env() {
        return Map.of("SLURM_CONF", conf.toString());
    }

    /** Runs a Slurm client against this cluster. */
    Result client(String... command) throws IOException, InterruptedException {
        return run(List.of(command), env(), 60);
    }

    private void startMunge() throws Unavailable, IOException, InterruptedException {
        if (mungeAnswers()) {
            return; // a munged of the machine: used, never stopped
        }
        Path key = Path.of("/etc/munge/munge.key");
        for (String d : List.of("/etc/munge", "/var/lib/munge", "/var/log/munge", "/run/munge")) {
            Files.createDirectories(Path.of(d));
            run(List.of("chown", "munge:munge", d), Map.of(), 10);
            run(List.of("chmod", d.equals("/run/munge") ? "0755" : "0700", d), Map.of(), 10);
        }
        if (!Files.exists(key)) {
            Result r = run(List.of("mungekey", "--create", "--keyfile=" + key), Map.of(), 30);
            if (r.code != 0) {
                throw new Unavailable("mungekey could not create " + key + ": " + r.tail());
            }
            run(List.of("chown", "munge:munge", key.toString()), Map.of(), 10);
            run(List.of("chmod", "0400", key.toString()), Map.of(), 10);
        }
        Result r = run(List.of("runuser", "-u", "munge", "--", "/usr/sbin/munged"), Map.of(), 30);
        if (r.code != 0) {
            throw new Unavailable("munged did not start: " + r.tail());
        }
        recordPid(Path.of("/run/munge/munged.pid"));
        for (int i = 0; i < 50 && !mungeAnswers(); i++) {
            Thread.sleep(100);
        }
        if (!mungeAnswers()) {
            throw new Unavailable("munged started but munge -n | unmunge does not succeed");
        }
    }

    private static boolean mungeAnswers() throws IOException, InterruptedException {
        if (SlurmCommands.onPath("munge").isEmpty()) {
            return false;
        }
        Result r = run(List.of("bash", "-c", "munge -n | unmunge"), Map.of(), 10);
        return r.code == 0 && r.out.contains("Success");
    }

    private void startDaemons() throws Unavailable, IOException, InterruptedException {
        for (String d : List.of("state", "spool", "log")) {
            Files.createDirectories(dir.resolve(d));
        }
        String host = run(List.of("hostname", "-s"), Map.of(), 10).out.strip();
        int cpus = Runtime.getRuntime().availableProcessors();
        Files.writeString(conf, String.join("\n",
                "ClusterName=fpolabtest",
                "SlurmctldHost=" + host + "(127.0.0.1)",
                "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(),
                "SlurmUser=root",
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                "ReturnToService=2",
                "MpiDefault=none",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("log/slurmd.log"),
                "NodeName=" + host + " NodeAddr=127.0.0.1 CPUs=" + cpus + " State=UNKNOWN",
                "PartitionName=test Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP",
                ""), StandardCharsets.UTF_8);
        for (String daemon : List.of("slurmctld", "slurmd")) {
            Result r = run(List.of("/usr/sbin/" + daemon, "-f", conf.toString()), env(), 30);
            Path pid = dir.resolve(daemon + ".pid");
            for (int i = 0; i < 50 && !Files.exists(pid); i++) {
                Thread.sleep(100);
            }
            if (r.code != 0 || !Files.exists(pid)) {
                throw new Unavailable(daemon + " did not start: " + r.tail() + " " + logTail(daemon));
            }
            recordPid(pid);
            controller = true;
        }
        for (int i = 0; i < 200; i++) {
            String state = client("sinfo", "--noheader", "--format=%t").out.strip();
            if (state.startsWith("idle") || state.startsWith("mix") || state.startsWith("alloc")) {
                return;
            }
            if (state.startsWith("down") || state.startsWith("drain")) {
                client("scontrol", "update", "nodename=" + host, "state=resume");
            }
            Thread.sleep(100);
        }
        throw new Unavailable("the node did not become idle: " + client("sinfo").out.strip() + " " + logTail("slurmd"));
    }

    private String logTail(String daemon) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("log").resolve(daemon + ".log"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private void recordPid(Path pidFile) throws IOException {
        started.add(Long.parseLong(Files.readString(pidFile).strip()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Cancels the cluster's jobs and stops the daemons this cluster started (pids read when they started). */
    @Override
    public void close() throws IOException, InterruptedException {
        if (controller) {
            client("scancel", "--user=" + System.getProperty("user.name"));
            for (int i = 0; i < 100 && !client("squeue", "--noheader").out.isBlank(); i++) {
                Thread.sleep(100);
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            Optional<ProcessHandle> p = ProcessHandle.of(started.get(i));
            if (p.isPresent()) {
                p.get().destroy();
                try {
                    p.get().onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    p.get().destroyForcibly();
                }
            }
        }
        started.clear();
    }

    /** What a command printed and its exit code. */
    record Result(int code, String out) {
        String tail() {
            List<String> lines = out.strip().lines().toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
    }

    /** Runs {@code command} with {@code env} added, output and errors together, for at most {@code seconds}. */
    static Result run(List<String> command, Map<String, String> env, long seconds)
            throws IOException, InterruptedException {
        File log = File.createTempFile("fpolab-slurm-test", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> e = new HashMap<>(env);
            pb.environment().putAll(e);
            Process p;
            try {
                p = pb.start();
            } catch (IOException ex) {
                return new Result(-1, command.get(0) + ": " + ex.getMessage());
            }
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, command.get(0) + " did not end within " + seconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(log.toPath()));
        } finally {
            Files.deleteIfExists(log.toPath());
        }
    }
}
