namespace Closeloop.WorkOrders;

/// <summary>
/// Who asked: personal data (name, phone, address) that only the people working the order may see
/// unmasked. <see cref="CustomerNumber"/> is the utility's account number (户号).
/// </summary>
public sealed record Customer(
    string Name,
    PhoneNumber Phone,
    string? CustomerNumber,
    string? Address,
    string? AreaCode,
    string? Class)
{
    /// <summary>The customer as shown to someone not working the order: <c>张*</c>, <c>138****5678</c>, the address cut after its district.</summary>
    public Customer Masked() => this with
    {
        Name = MaskName(Name),
        Phone = Phone,
        Address = Address is null ? null : MaskAddress(Address),
    };

    /// <summary>Keeps the family name (the first character) and hides the rest.</summary>
    public static string MaskName(string name) =>
        name.Length <= 1 ? "*" : string.Concat(name.AsSpan(0, 1), new string('*', Math.Min(name.Length - 1, 3)));

    /// <summary>Keeps the part that locates an area (up to the first district or street marker, at most 9 characters) and hides the rest.</summary>
    public static string MaskAddress(string address)
    {
        var cut = address.IndexOfAny(['区', '县', '镇', '街', '路']);
        var keep = cut < 0 ? Math.Min(address.Length / 3, 6) : Math.Min(cut + 1, 9);
        return keep >= address.Length ? address : string.Concat(address.AsSpan(0, keep), "****");
    }
}
