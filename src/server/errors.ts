/**
 * The errors the services throw, each with a stable code, an HTTP status and a message in Chinese and
 * English. Only the HTTP error handler turns them into responses; services never think in status codes.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly zh: string,
    readonly en: string,
    readonly details: unknown = null,
  ) {
    super(`${zh} / ${en}`);
    this.name = "AppError";
  }
}

export const errors = {
  validation: (details: unknown) =>
    new AppError("VALIDATION_FAILED", 400, "请求参数有误", "The request is invalid", details),
  unauthenticated: () => new AppError("UNAUTHENTICATED", 401, "请先登录", "Sign in first"),
  badCredentials: () =>
    new AppError("BAD_CREDENTIALS", 401, "用户名或密码错误", "Wrong username or password"),
  forbidden: (details: unknown = null) =>
    new AppError("FORBIDDEN", 403, "无权执行此操作", "You are not allowed to do this", details),
  csrf: () =>
    new AppError(
      "CSRF_TOKEN_INVALID",
      403,
      "安全令牌无效，请刷新后重试",
      "Missing or wrong CSRF token: reload and retry",
    ),
  passwordChangeRequired: () =>
    new AppError(
      "PASSWORD_CHANGE_REQUIRED",
      403,
      "请先修改一次性密码",
      "Set your own password first: you signed in with a one-time password",
    ),
  notFound: (entity: string, id?: string) =>
    new AppError("NOT_FOUND", 404, `未找到${entityZh[entity] ?? entity}`, `${entity} not found`, {
      entity,
      id: id ?? null,
    }),
  staleEdit: (entity: string, id: string, currentVersion: number | null) =>
    new AppError(
      "STALE_EDIT",
      409,
      "内容已被他人修改，请刷新后重试",
      `The ${entity} was changed by someone else: reload and retry`,
      {
        entity,
        id,
        currentVersion,
      },
    ),
  conflict: (code: string, zh: string, en: string, details: unknown = null) =>
    new AppError(code, 409, zh, en, details),
  tooLarge: (limit: number) =>
    new AppError("PAYLOAD_TOO_LARGE", 413, "文件过大", `The file is too large (limit ${limit} bytes)`, {
      limit,
    }),
  unsupportedType: (fileName: string, supported: readonly string[]) =>
    new AppError("UNSUPPORTED_MEDIA_TYPE", 415, "不支持的文件类型", "Unsupported file type", {
      fileName,
      supported,
    }),
  undecodable: (fileName: string, reason: string) =>
    new AppError("UNDECODABLE_DOCUMENT", 422, "无法读取文档内容", "The document cannot be read", {
      fileName,
      reason,
    }),
  unprocessable: (code: string, zh: string, en: string, details: unknown = null) =>
    new AppError(code, 422, zh, en, details),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new AppError(
      "TOO_MANY_ATTEMPTS",
      429,
      "登录尝试过多，请稍后再试",
      "Too many sign-in attempts: try again later",
      {
        retryAfterSeconds,
      },
    ),
};

const entityZh: Record<string, string> = {
  plan: "计划",
  section: "章节",
  task: "任务",
  target: "目标指标",
  actual: "实际值",
  unit: "单位",
  orgUnit: "组织机构",
  indicator: "指标",
  submission: "填报",
  observation: "数值",
  evidence: "佐证材料",
  user: "用户",
  document: "文档",
  route: "接口",
  notification: "通知",
  supervision: "督办事项",
  rectification: "整改事项",
};
