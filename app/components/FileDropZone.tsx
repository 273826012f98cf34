import { DropZone, Text } from "@shopify/polaris";

/** One file to upload: dropped or chosen, then shown by name and size until it is sent. */
export function FileDropZone({
  label,
  accept,
  hint,
  file,
  onFile,
}: {
  label: string;
  accept: string;
  hint: string;
  file: File | null;
  onFile: (file: File | null) => void;
}) {
  return (
    <DropZone
      label={label}
      allowMultiple={false}
      accept={accept}
      onDrop={(_all, accepted) => onFile(accepted[0] ?? null)}
    >
      {file ? (
        <Text as="p" alignment="center">
          {file.name} · {(file.size / 1024).toFixed(0)} KB
        </Text>
      ) : (
        <DropZone.FileUpload actionHint={hint} />
      )}
    </DropZone>
  );
}
