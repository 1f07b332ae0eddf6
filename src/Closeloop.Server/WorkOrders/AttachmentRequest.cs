using Closeloop.Problems;
using Closeloop.Server.Problems;
using Closeloop.WorkOrders;

namespace Closeloop.Server.WorkOrders;

/// <summary>A file's metadata as a client sends it with a step.</summary>
public sealed record AttachmentRequest(string? FileName, string? ContentType, long? SizeBytes, string? Sha256)
{
    public const int MaxPerStep = 20;

    public static List<Attachment> Validate(IReadOnlyList<AttachmentRequest>? attachments, FieldErrors errors)
    {
        var result = new List<Attachment>();
        if (attachments is null)
            return result;
        if (attachments.Count > MaxPerStep)
            errors.Add("attachments", Problem.MaxCount(MaxPerStep), $"at most {MaxPerStep} files per step");
        for (var i = 0; i < attachments.Count; i++)
        {
            var a = attachments[i];
            var field = $"attachments[{i}]";
            if (a is null)
            {
                errors.Add(field, Problem.Required, "is required");
                continue;
            }
            var name = errors.MaxLength($"{field}.fileName", errors.Required($"{field}.fileName", a.FileName), 255);
            var type = errors.MaxLength($"{field}.contentType", errors.Required($"{field}.contentType", a.ContentType), 100);
            if (a.SizeBytes is null or < 0)
                errors.Add($"{field}.sizeBytes", Problem.NotNegative, "is required and must not be negative");
            if (a.Sha256 is not null && (a.Sha256.Length != 64 || !a.Sha256.All(Uri.IsHexDigit)))
                errors.Add($"{field}.sha256", Problem.Sha256, "must be 64 hexadecimal digits");
            if (name is not null && type is not null && a.SizeBytes is >= 0)
                result.Add(new Attachment(name, type, a.SizeBytes.Value, a.Sha256?.ToLowerInvariant()));
        }
        return result;
    }
}
