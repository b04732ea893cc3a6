/**
 * The HTTP API: Fastify with zod-validated inputs, one error shape, session cookies with CSRF tokens,
 * role checks on every route, and the OpenAPI document at /api/openapi.json (browsable at /api/docs).
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Db } from "../db/database.js";
import { AnalyticsRepository } from "../db/analytics.repository.js";
import { AuditRepository } from "../db/audit.repository.js";
import { OrgUnitRepository } from "../db/org-unit.repository.js";
import { PlanItemRepository } from "../db/plan-item.repository.js";
import { PlanRepository } from "../db/plan.repository.js";
import { ProgressRepository } from "../db/progress.repository.js";
import { unitOfWork } from "../db/transaction.js";
import { UnitRepository } from "../db/unit.repository.js";
import { UserRepository } from "../db/user.repository.js";
import { IndicatorRepository } from "../db/indicator.repository.js";
import { SubmissionRepository } from "../db/submission.repository.js";
import { AuthService } from "./auth.service.js";
import { AppError, errors } from "./errors.js";
import { hasRole, type Access } from "./http.js";
import { ImportService } from "./import.service.js";
import { OrgUnitService } from "./org-unit.service.js";
import { PlanService } from "./plan.service.js";
import { ProgressService } from "./progress.service.js";
import { UnitService } from "./unit.service.js";
import { UserService } from "./user.service.js";
import { IndicatorService } from "./indicator.service.js";
import { SubmissionService } from "./submission.service.js";
import { authRoutes, sessionCookie } from "./auth.routes.js";
import { planRoutes } from "./plan.routes.js";
import { planItemRoutes } from "./plan-item.routes.js";
import { unitRoutes } from "./unit.routes.js";
import { orgUnitRoutes } from "./org-unit.routes.js";
import { userRoutes } from "./user.routes.js";
import { auditRoutes } from "./audit.routes.js";
import { progressRoutes } from "./progress.routes.js";
import { indicatorRoutes } from "./indicator.routes.js";
import { submissionRoutes } from "./submission.routes.js";
import { registerRoutes } from "./register.routes.js";
import { monitoringRoutes } from "./monitoring.routes.js";
import { exchangeRoutes } from "./exchange.routes.js";
import { reportingFormRoutes } from "./reporting-form.routes.js";
import { evidenceRoutes } from "./evidence.routes.js";
import { submissionNotifier } from "./submission.notify.js";
import { assessmentRoutes } from "./assessment.routes.js";
import { bulletinRoutes } from "./bulletin.routes.js";
import { publicRoutes } from "./public.routes.js";
import { notificationRoutes } from "./notification.routes.js";
import { supervisionRoutes } from "./supervision.routes.js";
import { rectificationRoutes } from "./rectification.routes.js";
import { startSupervisionJobs } from "./reminder-scan.js";
import { staticWeb } from "./static.js";
import { refuseNul } from "./nul-guard.js";

export const maxUploadBytes = 50 * 1024 * 1024;

export interface AppOptions {
  db: Db;
  logger?: boolean;
  /** Secure cookies: true behind HTTPS; "auto" decides per request; false for plain-HTTP tests. */
  secureCookies?: boolean | "auto";
  loginLimits?: { maxFailures: number; windowMs: number };
  maxUploadBytes?: number;
  /** Run the hourly supervision scan and the e-mail outbox (the server does; tests do not). */
  backgroundJobs?: boolean;
}

export interface Services {
  auth: AuthService;
  users: UserService;
  imports: ImportService;
  plans: PlanService;
  units: UnitService;
  orgUnits: OrgUnitService;
  progress: ProgressService;
  indicators: IndicatorService;
  submissions: SubmissionService;
  audit: AuditRepository;
}

export function buildServices(db: Db, loginLimits?: AppOptions["loginLimits"]): Services {
  const authRepos = (d: Db) => ({ users: new UserRepository(d), audit: new AuditRepository(d) });
  const planRepos = (d: Db) => ({
    plans: new PlanRepository(d),
    items: new PlanItemRepository(d),
    units: new UnitRepository(d),
    audit: new AuditRepository(d),
  });
  const unitRepos = (d: Db) => ({ units: new UnitRepository(d), audit: new AuditRepository(d) });
  const orgRepos = (d: Db) => ({ orgUnits: new OrgUnitRepository(d), audit: new AuditRepository(d) });
  const userRepos = (d: Db) => ({
    users: new UserRepository(d),
    units: new UnitRepository(d),
    audit: new AuditRepository(d),
  });
  const progressRepos = (d: Db) => ({
    plans: new PlanRepository(d),
    items: new PlanItemRepository(d),
    progress: new ProgressRepository(d),
    audit: new AuditRepository(d),
  });
  const indicatorRepos = (d: Db) => ({
    indicators: new IndicatorRepository(d),
    submissions: new SubmissionRepository(d),
    units: new UnitRepository(d),
    periods: new ProgressRepository(d),
    audit: new AuditRepository(d),
  });
  const submissionRepos = (d: Db) => ({
    submissions: new SubmissionRepository(d),
    analytics: new AnalyticsRepository(d),
    units: new UnitRepository(d),
    periods: new ProgressRepository(d),
    audit: new AuditRepository(d),
    notify: submissionNotifier(d),
  });
  return {
    auth: new AuthService(authRepos(db), unitOfWork(db, authRepos), undefined, loginLimits),
    users: new UserService(userRepos(db), unitOfWork(db, userRepos)),
    imports: new ImportService(db),
    plans: new PlanService(planRepos(db), unitOfWork(db, planRepos)),
    units: new UnitService(unitRepos(db), unitOfWork(db, unitRepos)),
    orgUnits: new OrgUnitService(orgRepos(db), unitOfWork(db, orgRepos)),
    progress: new ProgressService(progressRepos(db), unitOfWork(db, progressRepos)),
    indicators: new IndicatorService(indicatorRepos(db), unitOfWork(db, indicatorRepos)),
    submissions: new SubmissionService(submissionRepos(db), unitOfWork(db, submissionRepos)),
    audit: new AuditRepository(db),
  };
}

const stateChanging = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const passwordChangeRoutes = new Set(["/api/auth/me", "/api/auth/password", "/api/auth/logout"]);

/** Who may pass: signed in when the route is not public, in a permitted role, with the session's CSRF token. */
async function checkAccess(services: Services, request: FastifyRequest): Promise<void> {
  request.auth = null;
  const access = request.routeOptions.config.access;
  const token = request.cookies[sessionCookie];
  if (access === undefined || access === "public") {
    if (token) request.auth = await services.auth.resolve(token);
    return;
  }
  request.auth = await services.auth.resolve(token);
  if (!request.auth) throw errors.unauthenticated();
  if (stateChanging.has(request.method) && request.headers["x-csrf-token"] !== request.auth.csrfToken)
    throw errors.csrf();
  // A one-time password opens only the way to replace it.
  if (request.auth.user.mustChangePassword && !passwordChangeRoutes.has(request.routeOptions.url ?? ""))
    throw errors.passwordChangeRequired();
  if (access !== "user" && !hasRole(request.auth.user, access))
    throw errors.forbidden({ required: access, roles: request.auth.user.roles });
}

function toAppError(error: FastifyError | AppError | Error, uploadLimit: number): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error))
    return errors.validation(
      error.validation.map((v) => ({
        path: `${error.validationContext ?? ""}${v.instancePath.replace(/\//g, ".")}`,
        message: v.message ?? "",
      })),
    );
  const code = "code" in error ? error.code : undefined;
  const status = "statusCode" in error ? error.statusCode : undefined;
  if (code === "FST_REQ_FILE_TOO_LARGE" || code === "FST_ERR_CTP_BODY_TOO_LARGE" || status === 413)
    return errors.tooLarge(uploadLimit);
  if (
    code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" ||
    code === "FST_INVALID_MULTIPART_CONTENT_TYPE" ||
    status === 415
  )
    return errors.unsupportedType("(request body)", ["application/json", "multipart/form-data"]);
  if (status !== undefined && status >= 400 && status < 500)
    return new AppError(code ?? "BAD_REQUEST", status, "请求无效", error.message);
  return new AppError("INTERNAL", 500, "服务器内部错误", "Internal server error");
}

export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
}

export async function buildApp(
  options: AppOptions,
): Promise<{ app: FastifyInstance; services: Services; routes: RouteInfo[] }> {
  const services = buildServices(options.db, options.loginLimits);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest("auth", null);
  // Every route with its access rule: the tests check that each one is covered.
  const routes: RouteInfo[] = [];
  app.addHook("onRoute", (r) => {
    if (r.url.startsWith("/api/docs")) return;
    for (const method of [r.method].flat())
      if (method !== "HEAD") routes.push({ method, url: r.url, access: r.config?.access });
  });

  await app.register(cookie);
  const uploadLimit = options.maxUploadBytes ?? maxUploadBytes;
  await app.register(multipart, {
    limits: { fileSize: uploadLimit, files: 1, fields: 10 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Mubiao API (目标)",
        version: "0.1.0",
        description: "Plans as data: import, review, publish, report.",
      },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: sessionCookie } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  app.addHook("onRequest", async (request) => {
    if (request.url.startsWith("/api/docs")) return;
    await checkAccess(services, request);
  });
  app.addHook("preValidation", refuseNul);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const e = toAppError(error, uploadLimit);
    if (e.status >= 500) request.log.error(error);
    if (e.status === 429)
      void reply.header(
        "retry-after",
        String((e.details as { retryAfterSeconds: number }).retryAfterSeconds),
      );
    return reply.status(e.status).send({ error: { code: e.code, message: e.message, details: e.details } });
  });
  app.setNotFoundHandler((request, reply) => {
    const e = errors.notFound("route", `${request.method} ${request.url}`);
    return reply.status(404).send({ error: { code: e.code, message: e.message, details: e.details } });
  });

  app.get("/api/health", { config: { access: "public" }, schema: { hide: true } }, () => ({ ok: true }));
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, () => app.swagger());

  const secure = options.secureCookies ?? "auto";
  await app.register(authRoutes, { services, secure });
  await app.register(planRoutes, { services });
  await app.register(planItemRoutes, { services });
  await app.register(unitRoutes, { services });
  await app.register(orgUnitRoutes, { services });
  await app.register(userRoutes, { services });
  await app.register(auditRoutes, { services });
  await app.register(progressRoutes, { services });
  await app.register(indicatorRoutes, { services });
  await app.register(submissionRoutes, { services });
  await app.register(registerRoutes, { services, db: options.db });
  await app.register(monitoringRoutes, { services, db: options.db });
  await app.register(exchangeRoutes, { services, db: options.db });
  await app.register(reportingFormRoutes, { services, db: options.db });
  await app.register(evidenceRoutes, { db: options.db });
  await app.register(assessmentRoutes, { db: options.db });
  await app.register(bulletinRoutes, { db: options.db });
  await app.register(publicRoutes, { db: options.db });
  await app.register(notificationRoutes, { db: options.db });
  await app.register(supervisionRoutes, { db: options.db });
  await app.register(rectificationRoutes, { db: options.db });
  if (options.backgroundJobs) startSupervisionJobs(app, options.db);
  await staticWeb(app);
  return { app, services, routes };
}
