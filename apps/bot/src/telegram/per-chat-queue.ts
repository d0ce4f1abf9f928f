// Messages to one chat leave one at a time and in order, so a flood wait (429) in one chat
// delays only that chat, and the parts of a long answer never overtake each other.

export class PerChatQueue {
  private readonly tails = new Map<number, Promise<unknown>>();

  run<T>(chatId: number, job: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(chatId) ?? Promise.resolve();
    const result = previous.then(job, job);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(chatId, tail);
    void tail.then(() => {
      if (this.tails.get(chatId) === tail) this.tails.delete(chatId);
    });
    return result;
  }

  /** Chats with messages waiting or in flight. */
  get activeChats(): number {
    return this.tails.size;
  }
}
