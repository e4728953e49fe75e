/**
 * A throwaway broker on this machine: its own temp folder and free ports on 127.0.0.1, started,
 * killed (a crash: SIGKILL of the server process) and restarted on the same data, stopped and
 * removed. Implemented by nats-broker.ts, rabbitmq-broker.ts and kafka-broker.ts.
 */
import { MessagingVariant } from '../experiment';

/** One running local broker. */
export interface LocalBroker {
  readonly variant: MessagingVariant;
  /** Address the harness connects to. */
  readonly url: string;
  /** Pid of the server process itself (changes on restart); undefined when not running. */
  serverPid(): number | undefined;
  /** Starts the broker; resolves to milliseconds from spawn until it serves clients. */
  start(): Promise<number>;
  /** SIGKILLs the server process, as a crash would; resolves once it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same data and ports; resolves to milliseconds until it serves clients. */
  restart(): Promise<number>;
  /** Stops every process of the broker and removes its folder (safe to call twice). */
  stop(): Promise<void>;
  /** The broker's last log lines, for error messages. */
  tail(): string;
}

/** Broker-side storage settings of a local broker. */
export interface LocalBrokerStorage {
  /** NATS file store sync (`default`, `always`, or a duration); needs nats-server ≥ 2.10 unless `default`. */
  readonly natsSyncInterval: string;
}

/** How a variant is run locally, or why it cannot be. */
export interface LocalBrokerSpec {
  readonly variant: MessagingVariant;
  /** One line for progress and results, e.g. `NATS server 2.9 with JetStream (file store)`. */
  readonly description: string;
  /** Debian package that provides the broker; undefined when none exists (Kafka: Maven Central). */
  readonly aptPackage?: string;
  /** Version of the installed broker, or undefined when it is not installed. */
  installedVersion(): string | undefined;
  /** What is missing when installedVersion() is undefined, and the command that installs it. */
  missing(): MissingBroker;
  /** A stopped broker in a new temp folder on free ports, configured by the storage settings it has (NATS: sync interval). */
  create(storage?: LocalBrokerStorage): Promise<LocalBroker>;
}

/** Why a local broker cannot run here. */
export interface MissingBroker {
  /** What is not installed, e.g. `nats-server`. */
  readonly what: string;
  /** How to install it, e.g. `install the Debian package nats-server: apt-get install -y nats-server`. */
  readonly hint: string;
}

/** The MissingBroker of a broker that comes from a Debian package. */
export function missingAptPackage(pkg: string): MissingBroker {
  return { what: pkg, hint: `install the Debian package ${pkg}: apt-get install -y ${pkg}` };
}
