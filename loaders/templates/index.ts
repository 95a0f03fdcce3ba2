import { template2019 } from "./template-2019.ts";
import { template2021 } from "./template-2021.ts";
import type { TemplateDef } from "./schema.ts";

export type { TemplateDef } from "./schema.ts";
export { template2019, template2021 };
export const templates: TemplateDef[] = [template2019, template2021];
