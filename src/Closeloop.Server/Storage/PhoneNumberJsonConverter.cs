using System.Text.Json;
using System.Text.Json.Serialization;
using Closeloop.WorkOrders;

namespace Closeloop.Server.Storage;

/// <summary>A phone number as its normalised text.</summary>
public sealed class PhoneNumberJsonConverter : JsonConverter<PhoneNumber>
{
    public override PhoneNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PhoneNumber.Parse(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, PhoneNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
