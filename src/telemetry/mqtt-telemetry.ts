/**
 * Telemetry over MQTT: readings published on `karvon/devices/{deviceId}/telemetry` (JSON).
 *
 * - With KARVON_MQTT_URL set, Karvon subscribes to that broker (Mosquitto on a server). The broker
 *   authenticates the devices (its own users and ACLs: a device writes only its own topic), so what
 *   arrives is taken like a local capture, still only for known devices attached to a unit.
 * - Without it, Karvon runs its own broker in the process (aedes) on KARVON_MQTT_PORT, so a laptop
 *   needs nothing else. Clients sign in with a device token (the username may be the device id)
 *   or an organisation's API key with the capture right (username anything); a device may publish
 *   only on its own topic, and nobody but Karvon itself may subscribe to telemetry.
 *
 * Messages are gathered for a few milliseconds and run through the pipeline as one batch per sender:
 * a reading a second from ten thousand devices would otherwise be ten thousand transactions.
 * A message that cannot be used is dropped with a log line and a counter (MQTT has no answer to give).
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { Aedes, type Client } from 'aedes';
import mqtt from 'mqtt';
import type { AccessService } from '../access/access-service.js';
import { deviceTokenHash, sameSecret } from '../access/tokens.js';
import { hasScope, isNetworkAdmin } from '../model/access.js';
import type { Store } from '../store/store.js';
import { decodeMqtt, TELEMETRY_TOPIC_FILTER } from './decode/mqtt.decoder.js';
import type { Decoded } from './decode/decoded.js';
import type { Sender } from './pipeline-batch.js';
import type { PipelineLogger } from './pipeline-deps.js';
import type { TelemetryService } from './telemetry-service.js';

const TOPIC = /^karvon\/devices\/([^/]+)\/telemetry$/;
/** How long messages are gathered before they run through the pipeline together. */
const GATHER_MS = 25;
/** At most this many messages run through the pipeline together (batches of thousands amortise its per-batch work). */
const GATHER_MAX = 20_000;
/**
 * Messages waiting for the pipeline beyond which the in-process broker holds back the publishes it
 * is asked to authorise, until fewer than half wait. aedes reads a client's next bytes only when
 * its last packets are handled, so a held publish stops reading from that client and TCP pushes
 * back on it: publishers faster than the pipeline must not fill the server's memory.
 */
const PAUSE_ABOVE = 50_000;
/** Username of Karvon's own clients of the in-process broker (the demo). */
export const LOCAL_MQTT_USER = '_karvon';

interface Pending {
  sender: Sender;
  topic: string;
  payload: Buffer;
  serverTime: number;
}

function senderKey(sender: Sender): string {
  return sender.kind === 'device' ? `d:${sender.device.id}` : sender.kind === 'organisation' ? `o:${sender.organisation.id}` : 'local';
}

export class MqttTelemetry {
  private broker: Aedes | undefined;
  private server: net.Server | undefined;
  private client: mqtt.MqttClient | undefined;
  private readonly senders = new WeakMap<Client, Sender>();
  private pending: Pending[] = [];
  /** Authorisations held back while the pipeline is behind (PAUSE_ABOVE). */
  private held: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** The password of Karvon's own clients of the in-process broker, new at every start. */
  readonly localSecret = randomBytes(24).toString('base64url');
  /** Where clients reach the broker Karvon listens to (set once started). */
  url: string | undefined;
  dropped = 0;
  /** How many publishes were held back because the pipeline was behind. */
  pauses = 0;
  private readonly pauseAbove: number;

  constructor(
    private readonly deps: { telemetry: TelemetryService; store: Store; access: AccessService; logger: PipelineLogger & { info(details: Record<string, unknown>, message: string): void }; now: () => Date },
    options: { pauseAbove?: number } = {},
  ) {
    this.pauseAbove = options.pauseAbove ?? PAUSE_ABOVE;
  }

  /** Runs the in-process broker on `port` (0: any free port) and takes what is published to it. */
  async startBroker(port: number, host = '0.0.0.0'): Promise<void> {
    const broker = await Aedes.createBroker({
      authenticate: (client, username, password, done) => {
        this.authenticate(username, password?.toString('utf8')).then(
          (sender) => {
            if (!sender) {
              const error = Object.assign(new Error('Bad username or password: sign in with a device token or an API key with the capture right'), { returnCode: 4 as const });
              done(error, false);
              return;
            }
            this.senders.set(client, sender);
            done(null, true);
          },
          (error: unknown) => done(Object.assign(error instanceof Error ? error : new Error(String(error)), { returnCode: 3 as const }), false),
        );
      },
      authorizePublish: (client, packet, callback) => {
        const sender = client ? this.senders.get(client) : undefined;
        const match = TOPIC.exec(packet.topic);
        if (!sender || !match) return callback(new Error(`publish only to karvon/devices/{deviceId}/telemetry, not '${packet.topic}'`));
        if (sender.kind === 'device' && decodeURIComponent(match[1]!) !== sender.device.id) return callback(new Error(`device '${sender.device.id}' may publish only on its own topic`));
        if (this.pending.length < this.pauseAbove) return callback(null);
        this.pauses++;
        this.held.push(() => callback(null));
      },
      authorizeSubscribe: (client, subscription, callback) => {
        const sender = this.senders.get(client);
        if (sender?.kind === 'local') return callback(null, subscription);
        // A refused subscription (granted QoS 128), not a closed connection.
        callback(null, null);
      },
    });
    broker.on('publish', (packet, client) => {
      const sender = client ? this.senders.get(client) : undefined;
      if (sender && TOPIC.test(packet.topic)) this.enqueue({ sender, topic: packet.topic, payload: Buffer.from(packet.payload), serverTime: this.deps.now().getTime() });
    });
    const server = net.createServer(broker.handle);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    }).catch(async (error: unknown) => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      throw error;
    });
    this.broker = broker;
    this.server = server;
    const address = server.address() as net.AddressInfo;
    this.url = `mqtt://127.0.0.1:${address.port}`;
    this.deps.logger.info({ port: address.port }, `telemetry: MQTT broker listening on port ${address.port} (${TELEMETRY_TOPIC_FILTER})`);
  }

  /** Subscribes to an external broker (Mosquitto) for telemetry. */
  async connect(url: string): Promise<void> {
    const client = await mqtt.connectAsync(url, { clientId: `karvon-${randomBytes(6).toString('hex')}`, clean: true, reconnectPeriod: 2000 });
    client.on('message', (topic, payload) => this.enqueue({ sender: { kind: 'local' }, topic, payload, serverTime: this.deps.now().getTime() }));
    client.on('error', (error) => this.deps.logger.error({ err: error }, 'telemetry: MQTT connection error'));
    await client.subscribeAsync(TELEMETRY_TOPIC_FILTER, { qos: 1 });
    this.client = client;
    this.url = url;
    this.deps.logger.info({ url: url.replace(/\/\/[^@/]*@/, '//***@') }, `telemetry: subscribed to ${TELEMETRY_TOPIC_FILTER}`);
  }

  private async authenticate(username: string | undefined, password: string | undefined): Promise<Sender | undefined> {
    if (password === undefined || password === '') return undefined;
    if (username === LOCAL_MQTT_USER) return sameSecret(password, this.localSecret) ? { kind: 'local' } : undefined;
    const hash = deviceTokenHash(password);
    if (hash !== undefined) {
      const device = await this.deps.store.telemetry.devices.byCredential(hash);
      if (!device || (username !== undefined && username !== '' && username !== device.id)) return undefined;
      return { kind: 'device', device };
    }
    try {
      const principal = await this.deps.access.authenticateBearer(password);
      if (!hasScope(principal, 'capture')) return undefined;
      return { kind: 'organisation', organisation: principal.organisation, networkAdmin: isNetworkAdmin(principal) };
    } catch {
      return undefined;
    }
  }

  private enqueue(message: Pending): void {
    this.pending.push(message);
    if (this.pending.length >= GATHER_MAX) this.flushSoon(0);
    else this.flushSoon(GATHER_MS);
  }

  private flushSoon(ms: number): void {
    if (this.timer && ms > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }, ms);
  }

  /** Runs what was gathered through the pipeline, at most GATHER_MAX messages at a time, one batch per sender. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) {
      await this.run(this.pending.splice(0, GATHER_MAX));
      if (this.pending.length < this.pauseAbove / 2) this.resumePublishers();
    }
  }


  private resumePublishers(): void {
    const held = this.held;
    this.held = [];
    for (const release of held) release();
  }

  private async run(messages: readonly Pending[]): Promise<void> {
    const groups = new Map<string, { sender: Sender; decoded: { readings: Decoded['readings']; problems: Decoded['problems']; pointers: string[] } }>();
    for (const message of messages) {
      const key = senderKey(message.sender);
      const group = groups.get(key) ?? { sender: message.sender, decoded: { readings: [], problems: [], pointers: [] } };
      groups.set(key, group);
      const decoded = decodeMqtt(message.topic, message.payload, message.serverTime);
      group.decoded.readings.push(...decoded.readings);
      group.decoded.problems.push(...decoded.problems.map((p) => ({ ...p, pointer: `${message.topic}${p.pointer === 'topic' ? '' : p.pointer}` })));
      group.decoded.pointers.push(...decoded.readings.map(() => message.topic));
    }
    for (const { sender, decoded } of groups.values()) {
      try {
        const result = await this.deps.telemetry.ingest(decoded, sender);
        if (result.refused.length > 0) {
          this.dropped += result.refused.length;
          this.deps.logger.warn({ sender: senderKey(sender), refused: result.refused.length, first: result.refused[0] }, 'telemetry: MQTT readings dropped');
        }
      } catch (error) {
        this.dropped += decoded.readings.length;
        this.deps.logger.error({ err: error, sender: senderKey(sender), readings: decoded.readings.length }, 'telemetry: MQTT batch failed');
      }
    }
  }

  /** Everything published so far has been through the pipeline (tests). */
  async idle(): Promise<void> {
    while (this.pending.length > 0 || this.timer) {
      await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
      await this.flushing;
    }
    await this.flushing;
  }

  async close(): Promise<void> {
    this.resumePublishers();
    await this.idle().catch(() => {});
    if (this.client) await this.client.endAsync().catch(() => {});
    // The broker first: it disconnects its clients, so the server's close does not wait for them.
    if (this.broker) await new Promise<void>((resolve) => this.broker!.close(() => resolve()));
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
