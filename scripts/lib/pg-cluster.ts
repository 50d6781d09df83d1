/**
 * A throwaway PostgreSQL cluster on a loopback port (benchmark, manual checks). Needs the server
 * binaries (Debian: postgresql). PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` system user. Returns null when no binaries are installed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

function findBinDir(): string | null {
  const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  if (onPath) {
    const real = fs.realpathSync(onPath);
    if (fs.existsSync(path.join(path.dirname(real), "pg_ctl"))) return path.dirname(real);
  }
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).filter((version) => fs.existsSync(path.join(root, version, "bin", "initdb")));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? path.join(root, newest, "bin") : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export type ThrowawayPostgres = {
  url: string;
  version: string;
  /** Stop the server, keeping its data (fault tests: a PostgreSQL restart under a running app). */
  pause(): void;
  resume(): void;
  stop(): void;
};

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres | null> {
  const bin = findBinDir();
  if (!bin) return null;
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, command), ...args], { stdio: "pipe" })
      : execFileSync(path.join(bin, command), args, { stdio: "pipe" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shortlist-pg-"));
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  const port = await freePort();
  run("initdb", ["-D", dir, "-U", "postgres", "--auth=trust", "--locale=C", "-E", "UTF8"]);
  const start = () => {
    run("pg_ctl", [
      "-D",
      dir,
      "-w",
      "-l",
      path.join(dir, "server.log"),
      "start",
      "-o",
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`,
    ]);
  };
  start();
  const version = execFileSync(path.join(bin, "postgres"), ["--version"], { encoding: "utf8" }).trim();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    version,
    pause() {
      run("pg_ctl", ["-D", dir, "-m", "fast", "-w", "stop"]);
    },
    resume: start,
    stop() {
      try {
        run("pg_ctl", ["-D", dir, "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
