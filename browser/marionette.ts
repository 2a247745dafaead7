/**
 * A small Marionette client: Firefox's own remote protocol, JSON over TCP. Every message is
 * `<byte length>:<json>`; commands are `[0, id, name, params]`, answers `[1, id, error, result]`.
 * The server greets first with `{ applicationType, marionetteProtocol }`.
 */
import { connect, type Socket } from 'node:net';

/** The WebDriver element reference key. */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

export interface ElementRef {
  [ELEMENT_KEY]: string;
}

export class MarionetteError extends Error {
  constructor(
    readonly command: string,
    readonly error: string,
    message: string,
  ) {
    super(`${command}: ${error}: ${message}`);
  }
}

type Pending = { name: string; resolve(value: unknown): void; reject(error: Error): void };

export class Marionette {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private greeted: Promise<unknown>;
  private onGreeting!: (greeting: unknown) => void;
  private closedError: Error | undefined;

  private constructor(private readonly socket: Socket) {
    this.greeted = new Promise((resolve) => (this.onGreeting = resolve));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    const fail = (error: Error) => {
      this.closedError = error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('Marionette connection closed')));
  }

  /** Connects, retrying until Firefox listens (it opens the port a moment after start). */
  static async connect(port: number, timeoutMs = 30_000): Promise<Marionette> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        const client = new Marionette(socket);
        await Promise.race([
          client.greeted,
          new Promise((_, reject) => setTimeout(() => reject(new Error('no greeting')), 5_000)),
        ]);
        return client;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a); // ':'
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (this.buffer.length < colon + 1 + length) return;
      const body = this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8');
      this.buffer = this.buffer.subarray(colon + 1 + length);
      const message = JSON.parse(body) as unknown;
      if (!Array.isArray(message)) {
        this.onGreeting(message);
        continue;
      }
      const [, id, error, result] = message as [
        1,
        number,
        { error: string; message: string } | null,
        unknown,
      ];
      const waiting = this.pending.get(id);
      if (!waiting) continue;
      this.pending.delete(id);
      if (error) waiting.reject(new MarionetteError(waiting.name, error.error, error.message));
      else waiting.resolve(result);
    }
  }

  /** Sends one command and resolves with its result. */
  command<T = unknown>(name: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = this.nextId++;
    const body = Buffer.from(JSON.stringify([0, id, name, params]), 'utf8');
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { name, resolve: resolve as (value: unknown) => void, reject });
      this.socket.write(`${body.length}:`);
      this.socket.write(body);
    });
  }

  async newSession(capabilities: Record<string, unknown> = {}): Promise<void> {
    await this.command('WebDriver:NewSession', { capabilities: { alwaysMatch: capabilities } });
  }

  async setContext(context: 'chrome' | 'content'): Promise<void> {
    await this.command('Marionette:SetContext', { value: context });
  }

  /**
   * Runs `script` (a function body; `arguments` holds `args`) in the current context and window.
   * A returned promise is awaited.
   */
  async execute<T = unknown>(script: string, args: unknown[] = []): Promise<T> {
    const answer = await this.command<{ value: T }>('WebDriver:ExecuteScript', { script, args });
    return answer.value;
  }

  /** Runs `script` in the chrome (browser-privileged) context, then goes back to content. */
  async chrome<T = unknown>(script: string, args: unknown[] = []): Promise<T> {
    await this.setContext('chrome');
    try {
      return await this.execute<T>(script, args);
    } finally {
      await this.setContext('content');
    }
  }

  async windowHandles(): Promise<string[]> {
    const answer = await this.command<{ value: string[] } | string[]>('WebDriver:GetWindowHandles');
    return Array.isArray(answer) ? answer : answer.value;
  }

  /** Makes `handle` the current window; with `focus`, its tab is also selected, as a user would. */
  async switchToWindow(handle: string, focus = true): Promise<void> {
    await this.command('WebDriver:SwitchToWindow', { handle, focus });
  }

  async closeWindow(): Promise<void> {
    await this.command('WebDriver:CloseWindow');
  }

  async currentUrl(): Promise<string> {
    return (await this.command<{ value: string }>('WebDriver:GetCurrentURL')).value;
  }

  async navigate(url: string): Promise<void> {
    await this.command('WebDriver:Navigate', { url });
  }

  async findElement(selector: string): Promise<ElementRef> {
    const answer = await this.command<{ value: ElementRef }>('WebDriver:FindElement', {
      using: 'css selector',
      value: selector,
    });
    return answer.value;
  }

  async click(selector: string): Promise<void> {
    const element = await this.findElement(selector);
    await this.command('WebDriver:ElementClick', { id: element[ELEMENT_KEY] });
  }

  async sendKeys(selector: string, text: string): Promise<void> {
    const element = await this.findElement(selector);
    await this.command('WebDriver:ElementSendKeys', { id: element[ELEMENT_KEY], text });
  }

  async installAddon(path: string): Promise<string> {
    const answer = await this.command<{ value: string }>('Addon:Install', {
      path,
      temporary: true,
    });
    return answer.value;
  }

  async quit(): Promise<void> {
    await this.command('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => undefined);
    this.socket.destroy();
  }
}
