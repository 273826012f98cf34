// One campaign: its pledge counts, the upload of a backer export (mapped once when its columns are unknown), and
// the history of its imports.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  redirect,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
  type NodeOnDiskFile,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  FormLayout,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { useState } from "react";
import { notFound, requireShop } from "../admin-shop.server";
import { useLocale, useTranslate } from "../components/i18n";
import { FileDropZone } from "../components/FileDropZone";
import { RunStatus } from "../components/RunStatus";
import { StatCards } from "../components/StatCards";
import { readConfig } from "../config.server";
import { database } from "../db.server";
import { ColumnMapping } from "../domain/import/column-mapping";
import { PLATFORMS } from "../domain/import/record";
import { jobs } from "../jobs/runtime.server";
import { campaignSummary } from "../services/campaigns";
import { queueImport, type ImportOptions } from "../services/import/import-jobs";
import { inspectFile, saveMapping, savedMappingFor } from "../services/import/inspect-file";
import { listRuns } from "../services/import/runs";
import { storeUpload, UploadTooLargeError, withUploadFile } from "../services/import/uploads";

const CHOICES = ["auto", ...PLATFORMS] as const;
const MAPPING_FIELDS = Object.keys(ColumnMapping.shape) as Array<keyof ColumnMapping>;
const REQUIRED_FIELDS = new Set(["externalBackerId", "email", "amount"]);

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const summary = await campaignSummary(database.prisma, shop.id, params.id ?? "");
  if (!summary) notFound();
  return { campaign: summary, runs: await listRuns(database.prisma, shop.id, summary.id) };
};

type ActionResult =
  | { error: string }
  | { mapping: { uploadId: string; fileName: string; headers: string[]; message: string; platform: string } };

export const action = async ({ request, params }: ActionFunctionArgs): Promise<ActionResult | Response> => {
  const { shop } = await requireShop(request);
  const campaign = await database.prisma.campaign.findFirst({ where: { id: params.id, shopId: shop.id } });
  if (!campaign) notFound();
  const maxMegabytes = readConfig().IMPORT_MAX_UPLOAD_MB;
  const maxBytes = maxMegabytes * 1024 * 1024;
  const tooLarge = { error: `upload.tooLarge:${maxMegabytes}` };
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    return mapAndQueue(shop.id, campaign, await request.formData());
  }
  // Refused before a byte is stored when the request says it is too large; otherwise counted as it streams.
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes + 64 * 1024) return tooLarge;
  const dir = await mkdtemp(path.join(tmpdir(), "pb-upload-"));
  try {
    let form: FormData;
    let uploadedName = "";
    try {
      form = await unstable_parseMultipartFormData(
        request,
        unstable_composeUploadHandlers(
          unstable_createFileUploadHandler({
            directory: dir,
            maxPartSize: maxBytes,
            // Stored under a fixed name; the merchant's own name is kept for the run.
            file: ({ filename }) => {
              uploadedName = filename;
              return "upload";
            },
          }),
          unstable_createMemoryUploadHandler({ maxPartSize: 1024 }),
        ),
      );
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) return tooLarge;
      throw error;
    }
    const file = form.get("file") as NodeOnDiskFile | null;
    if (!file || typeof file === "string" || !file.size) return { error: "upload.missing" };
    const platform = CHOICES.find((value) => value === form.get("platform")) ?? "auto";
    const fileName = path.basename(uploadedName).slice(0, 200) || "backers.csv";
    const options: ImportOptions = { platform, currency: campaign.currencyCode };
    let inspection = await inspectFile(file.getFilePath(), fileName, options);
    if (!inspection.ok && inspection.headers.length) {
      // Columns seen before: the mapping the merchant saved for them.
      const mapping = await savedMappingFor(database.prisma, shop.id, inspection.headers);
      if (mapping) {
        options.mapping = mapping;
        options.platform = platform === "auto" ? "CSV" : platform;
        inspection = await inspectFile(file.getFilePath(), fileName, options);
      }
    }
    if (!inspection.ok && !inspection.headers.length) return { error: `file:${inspection.message}` };
    const uploadId = await storeUpload(database, { shopId: shop.id, fileName, path: file.getFilePath(), maxBytes });
    if (!inspection.ok) {
      return {
        mapping: { uploadId, fileName, headers: inspection.headers, message: inspection.message, platform },
      };
    }
    const run = await queueImport(database, jobs, {
      shopId: shop.id,
      campaignId: campaign.id,
      uploadId,
      fileName,
      options,
    });
    return redirect(`/app/campaigns/${campaign.id}/imports/${run.id}`);
  } catch (error) {
    if (error instanceof UploadTooLargeError) return tooLarge;
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** The second step for unknown columns: the merchant's mapping, checked against the stored file, saved, queued. */
async function mapAndQueue(
  shopId: string,
  campaign: { id: string; currencyCode: string },
  form: FormData,
): Promise<ActionResult | Response> {
  const uploadId = String(form.get("uploadId") ?? "");
  const fields = Object.fromEntries(MAPPING_FIELDS.map((field) => [field, form.get(`map.${field}`) || undefined]));
  const parsed = ColumnMapping.safeParse(fields);
  if (!parsed.success) return { error: "mapping.required" };
  const platformValue = String(form.get("platform") ?? "CSV");
  const platform = PLATFORMS.find((value) => value === platformValue) ?? "CSV";
  const options: ImportOptions = { platform, currency: campaign.currencyCode, mapping: parsed.data };
  const upload = await database.prisma.importUpload.findFirst({ where: { id: uploadId, shopId } });
  if (!upload) return { error: "upload.missing" };
  const inspection = await withUploadFile(database, shopId, uploadId, (file) =>
    inspectFile(file.path, upload.fileName, options),
  );
  if (!inspection.ok) return { error: `file:${inspection.message}` };
  await saveMapping(
    database.prisma,
    shopId,
    inspection.headers,
    String(form.get("mappingName") || upload.fileName),
    parsed.data,
  );
  const run = await queueImport(database, jobs, {
    shopId,
    campaignId: campaign.id,
    uploadId,
    fileName: upload.fileName,
    options,
  });
  return redirect(`/app/campaigns/${campaign.id}/imports/${run.id}`);
}

export default function CampaignPage() {
  const { campaign, runs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useTranslate();
  return (
    <Page
      title={campaign.name}
      subtitle={`${t(`platform.${campaign.platform}`)} · ${campaign.currencyCode}`}
      backAction={{ content: t("campaigns.title"), url: "/app/campaigns" }}
      secondaryActions={[
        { content: t("backers.title"), url: `/app/campaigns/${campaign.id}/backers` },
        { content: t("rewards.title"), url: `/app/campaigns/${campaign.id}/rewards` },
        { content: t("orders.title"), url: `/app/campaigns/${campaign.id}/orders` },
        { content: t("portal.admin.title"), url: `/app/campaigns/${campaign.id}/portal` },
      ]}
    >
      <Layout>
        <Layout.Section>
          <StatCards
            stats={[
              ["campaign.stat.pledges", campaign.pledges],
              ["campaign.stat.backers", campaign.backers],
              ["campaign.stat.collected", campaign.collected],
              ["campaign.stat.dropped", campaign.dropped],
            ]}
          />
        </Layout.Section>
        <Layout.Section>
          {result && "mapping" in result ? <MappingForm {...result.mapping} /> : <UploadForm error={result?.error} />}
        </Layout.Section>
        <Layout.Section>
          <ImportHistory runs={runs} campaignId={campaign.id} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** "upload.tooLarge:200" → the message, with its value. "file:<reason>" carries the reader's own words. */
function useErrorText() {
  const t = useTranslate();
  return (error: string) => {
    const [key, detail = ""] = error.split(/:(.*)/s);
    if (key === "file") return detail;
    if (key === "upload.tooLarge") return t("upload.tooLarge", { megabytes: detail });
    return t(key as "upload.missing");
  };
}

function UploadForm({ error }: { error?: string }) {
  const t = useTranslate();
  const errorText = useErrorText();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const [file, setFile] = useState<File | null>(null);
  const [platform, setPlatform] = useState<string>("auto");
  const send = () => {
    if (!file) return;
    const form = new FormData();
    form.set("platform", platform);
    form.set("file", file);
    submit(form, { method: "post", encType: "multipart/form-data" });
  };
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("upload.title")}
        </Text>
        {error ? (
          <Banner tone="critical" title={t("upload.failed")}>
            <p>{errorText(error)}</p>
          </Banner>
        ) : null}
        <FormLayout>
          <PlatformSelect value={platform} onChange={setPlatform} withAuto />
          <FileDropZone
            label={t("upload.file")}
            accept=".csv,.zip,text/csv,application/zip"
            hint={t("upload.hint")}
            file={file}
            onFile={setFile}
          />
          <InlineStack align="end">
            <Button variant="primary" onClick={send} disabled={!file} loading={busy}>
              {t("upload.submit")}
            </Button>
          </InlineStack>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}

/** The file's platform; "detect from the columns" only where the columns have not been mapped. */
function PlatformSelect(props: { value: string; onChange: (value: string) => void; withAuto?: boolean }) {
  const t = useTranslate();
  return (
    <Select
      label={t("upload.platform")}
      options={(props.withAuto ? CHOICES : PLATFORMS).map((value) => ({
        value,
        label: value === "auto" ? t("upload.platform.auto") : t(`platform.${value}`),
      }))}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

function MappingForm(props: {
  uploadId: string;
  fileName: string;
  headers: string[];
  message: string;
  platform: string;
}) {
  const t = useTranslate();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const guess = (field: string) =>
    props.headers.find((header) => header.toLowerCase().replace(/[^a-z]/g, "") === field.toLowerCase()) ?? "";
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(MAPPING_FIELDS.map((field) => [field, guess(field)])),
  );
  const [name, setName] = useState(props.fileName);
  const [platform, setPlatform] = useState(props.platform === "auto" ? "CSV" : props.platform);
  const options = [{ value: "", label: "—" }, ...props.headers.map((header) => ({ value: header, label: header }))];
  const send = () => {
    const form = new FormData();
    form.set("uploadId", props.uploadId);
    form.set("platform", platform);
    form.set("mappingName", name);
    for (const [field, column] of Object.entries(values)) if (column) form.set(`map.${field}`, column);
    submit(form, { method: "post" });
  };
  const missing = [...REQUIRED_FIELDS].some((field) => !values[field]);
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("mapping.title")}
        </Text>
        <Banner tone="info">
          <p>{props.message}</p>
          <p>{t("mapping.explain")}</p>
        </Banner>
        <FormLayout>
          <FormLayout.Group>
            <TextField label={t("mapping.name")} value={name} onChange={setName} autoComplete="off" />
            <PlatformSelect value={platform} onChange={setPlatform} />
          </FormLayout.Group>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            {MAPPING_FIELDS.map((field) => (
              <Select
                key={field}
                label={`${t(`mapping.field.${field}`)}${REQUIRED_FIELDS.has(field) ? " *" : ""}`}
                options={options}
                value={values[field] ?? ""}
                onChange={(column) => setValues((current) => ({ ...current, [field]: column }))}
              />
            ))}
          </InlineGrid>
          <InlineStack align="end">
            <Button variant="primary" onClick={send} disabled={missing} loading={busy}>
              {t("mapping.submit")}
            </Button>
          </InlineStack>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}

type Run = Awaited<ReturnType<typeof loader>>["runs"][number];

function ImportHistory({ runs, campaignId }: { runs: Run[]; campaignId: string }) {
  const t = useTranslate();
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Card padding={runs.length ? "0" : undefined}>
      {runs.length ? (
        <DataTable
          columnContentTypes={["text", "text", "text", "numeric", "numeric", "numeric", "numeric", "text"]}
          headings={[
            t("imports.column.file"),
            t("imports.column.date"),
            t("imports.column.source"),
            t("imports.column.rows"),
            t("imports.column.created"),
            t("imports.column.updated"),
            t("imports.column.rejected"),
            t("imports.column.status"),
          ]}
          rows={runs.map((run) => [
            <Link key={run.id} to={`/app/campaigns/${campaignId}/imports/${run.id}`}>
              {run.fileName}
            </Link>,
            date.format(new Date(run.createdAt)),
            t(`platform.${run.source}`),
            number.format(run.rows),
            number.format(run.created),
            number.format(run.updated),
            number.format(run.rejected),
            <RunStatus key={`${run.id}-status`} status={run.status} />,
          ])}
        />
      ) : (
        <Text as="p" tone="subdued">
          {t("imports.none")}
        </Text>
      )}
    </Card>
  );
}
