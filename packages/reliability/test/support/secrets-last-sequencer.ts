// The secrets scan reads every log the suite wrote, so it must be the last file to run
// (files run one at a time: fileParallelism is off). Everything else keeps vitest's order.
import { BaseSequencer, type TestSpecification } from "vitest/node";

export const LAST_FILE = /secrets-leak-scan\.test\.ts$/;

export class SecretsLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [
      ...sorted.filter((file) => !LAST_FILE.test(file.moduleId)),
      ...sorted.filter((file) => LAST_FILE.test(file.moduleId)),
    ];
  }
}
