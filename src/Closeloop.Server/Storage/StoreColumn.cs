using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Closeloop.Server.Storage;

/// <summary>
/// One column of an entity's table as the EF model maps it: its name, its store type, and how to
/// read a row's value in the provider's terms (value converters applied). Hand-written writes
/// build on these so they cannot drift from the mappings.
/// </summary>
internal sealed class StoreColumn
{
    private readonly IClrPropertyGetter _getter;
    private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter;

    private StoreColumn(IProperty property)
    {
        Property = property;
        Name = property.GetColumnName();
        StoreType = property.GetColumnType();
        _getter = property.GetGetter();
        _converter = property.GetTypeMapping().Converter;
        var provider = _converter?.ProviderClrType ?? property.ClrType;
        provider = Nullable.GetUnderlyingType(provider) ?? provider;
        ValueType = provider.IsValueType && property.IsNullable ? typeof(Nullable<>).MakeGenericType(provider) : provider;
    }

    public IProperty Property { get; }

    public string Name { get; }

    /// <summary>The column's type in the database, e.g. <c>character varying(64)</c>.</summary>
    public string StoreType { get; }

    /// <summary>The CLR type of the values the provider writes (nullable when the column is).</summary>
    public Type ValueType { get; }

    /// <summary>Every column of <paramref name="entity"/>'s table, complex properties included; keys the database fills are left out.</summary>
    public static IReadOnlyList<StoreColumn> AllOf(IEntityType entity) =>
    [
        .. entity.GetProperties().Concat(entity.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties()))
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select(p => new StoreColumn(p)),
    ];

    public static StoreColumn Of(IProperty property) => new(property);

    /// <summary>The value of this column for <paramref name="row"/>.</summary>
    public object? ValueOf(object row) => Convert(_getter.GetClrValueUsingContainingEntity(row));

    /// <summary><paramref name="value"/> (a property value) in the provider's terms.</summary>
    public object? Convert(object? value) => value switch
    {
        null => null,
        _ when _converter is null => value,
        _ => _converter.ConvertToProvider(value),
    };
}
