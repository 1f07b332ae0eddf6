using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Closeloop.Clocks;
using Closeloop.People;
using Closeloop.Presets;
using Closeloop.Problems;
using Closeloop.Server.Audit;
using Closeloop.Server.Calendar;
using Closeloop.Server.Clocks;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Closeloop.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.WorkOrders;

/// <summary>
/// Accepts a request (受理) as a new work order. An <c>Idempotency-Key</c> makes a retried create
/// (a timeout, a double click) return the order the first attempt made instead of a second one.
/// With <c>then</c> the first step (answer at first contact, dispatch) is taken in the same write:
/// the agent finishes the call in one action, and a refused step leaves no half-made order behind.
/// </summary>
public static partial class CreateWorkOrder
{
    public sealed record Request(
        string? Type,
        string? Subtype,
        string? Channel,
        CustomerRequest? Customer,
        string? Content,
        string? Grade,
        string? AcceptingUnit,
        List<AttachmentRequest>? Attachments,
        NextStep? Then = null);

    /// <summary>The step taken right after acceptance, with the fields it needs.</summary>
    public sealed record NextStep(string? Action, string? Unit, string? Reason, string? Comment, string? Grade);

    public sealed record CustomerRequest(string? Name, string? Phone, string? CustomerNumber, string? Address, string? AreaCode, string? Class);

    public static async Task<Results<Created<WorkOrderView>, Ok<WorkOrderView>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        CloseloopDb db,
        Rulebooks rulebooks,
        Calendars calendars,
        WorkOrderNumbers numbers,
        TimeProvider clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var rules = rulebooks.Current;
        var authority = http.Authority(rules);
        if (!authority.May(Right.AcceptOrders))
            return Refusals.Forbidden("Accepting requests needs the acceptOrders right.");
        var errors = new FieldErrors();
        if (idempotencyKey is { Length: 0 or > 200 })
            errors.Add("Idempotency-Key", Problem.Length(1, 200), "must be 1 to 200 characters");
        var checkedRequest = Validate(request, rules, authority, errors);
        if (errors.Any || checkedRequest is not { } valid)
            return errors.ToProblem();
        if (!authority.Covers(valid.AcceptingUnit))
            return Refusals.Hidden(http, $"unit:{valid.AcceptingUnit}", UnitFilter.NoSuchUnit(valid.AcceptingUnit));

        // A retry is rare: rather than look the key up before every create, let its unique index
        // refuse the second insert and answer with what the first one made.
        var requestHash = idempotencyKey is null ? null : Hash(request);
        var now = clock.GetUtcNow();
        var unitRules = rules.RulesFor(valid.AcceptingUnit);
        var lifecycle = unitRules.LifecycleOf(valid.Type, valid.Subtype);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, rules.TimeZone).DateTime);
        var number = await numbers.NextAsync(db, unitRules.NumberFormat, day, cancellationToken);
        var intake = new WorkOrderIntake(
            number, valid.Type, valid.Subtype, valid.Channel, valid.Customer, valid.Content, valid.Grade, valid.AcceptingUnit, rules.RuleVersion);
        var (order, accepted) = WorkOrder.Accept(Guid.CreateVersion7(now), intake, lifecycle, authority.Person.UserName, now, valid.Attachments);

        var clocks = new OrderClocks([]);
        var calendar = calendars.ByUnit(rules)(order.AcceptingUnit);
        accepted = FollowClocks(clocks, order, accepted, rules, calendars, now);
        List<WorkOrderEvent> history = [accepted];
        List<object> audit =
            [AuditTrail.Entry(authority.Person.UserName, authority.Person.Unit, "workOrder.accept", AuditTrail.OrderSubject(order.Number), now, $"{order.Type} at {order.AcceptingUnit}")];
        if (valid.Then is { } then)
        {
            if (!authority.MayTake(then.Action))
                return Refusals.Forbidden($"None of your roles may take the step '{then.Action}'.");
            var outcome = order.Perform(then with { Actor = authority.Person.UserName }, lifecycle, rules.Org, now, rules.Types[order.Type], rules.Routing.SuggestFor(order), calendar);
            if (outcome.Refusal is { } refusal)
                return StepRefused(then.Action, refusal);
            var step = FollowClocks(clocks, order, outcome.Recorded!, rules, calendars, now);
            history.Add(step);
            audit.Add(AuditTrail.Entry(
                authority.Person.UserName, authority.Person.Unit, $"workOrder.{step.Action}", AuditTrail.OrderSubject(order.Number), now,
                $"{step.FromStatus} → {step.ToStatus} at {order.ResponsibleUnit}"));
        }

        List<object> rows = [order, .. history, .. clocks.Started, WorkOrderCounts.Delta(order.ResponsibleUnit, order.Type, order.Status, +1), .. audit];
        if (idempotencyKey is not null)
            rows.Add(new IdempotencyRecord { Key = idempotencyKey, WorkOrderId = order.Id, RequestHash = requestHash!, CreatedAt = now });
        try
        {
            // The busiest write of all: one round trip, no change tracking.
            await RowInserter.InsertAsync(db, rows, cancellationToken);
        }
        catch (Exception e) when (idempotencyKey is not null && db.IsUniqueViolation(e))
        {
            // The key was used before, or by a request racing this one: answer with what it created.
            if (await ReplayAsync(db, rulebooks, calendars, now, idempotencyKey, requestHash!, cancellationToken) is { } raced)
                return raced;
            throw;
        }

        var view = WorkOrderView.Of(order, lifecycle, rules, calendar, history, ClockView.ListOf(clocks.All, rules, calendars, now, explain: false));
        http.Response.Headers.ETag = view.ETag;
        return TypedResults.Created($"/api/work-orders/{order.Id}", view);
    }

    // Starts and stops the clocks a step sets off, under the rules of the unit holding the order after it.
    private static WorkOrderEvent FollowClocks(OrderClocks clocks, WorkOrder order, WorkOrderEvent step, Rulebook rules, Calendars calendars, DateTimeOffset now)
    {
        var changes = clocks.Follow(order, step, rules.RulesFor(order.ResponsibleUnit).Clocks, calendars.ByUnit(rules), () => Guid.CreateVersion7(now));
        return changes.Count > 0 ? step with { Changes = step.Changes with { Clocks = changes } } : step;
    }

    // The step's fields sit under "then" in the request, and so do its problems.
    private static ValidationProblem StepRefused(string action, ActionRefusal refusal)
    {
        var errors = new FieldErrors();
        if (refusal is ActionRefusal.InvalidField invalid)
            errors.Add($"then.{invalid.Field}", invalid.Problem, invalid.Text);
        else
            errors.Add("then.action", Problem.OneOf(action, refusal is ActionRefusal.NotAllowedNow notNow ? notNow.Allowed : []), refusal.Message);
        return errors.ToProblem();
    }

    private sealed record ValidRequest(
        string Type, string? Subtype, Channel Channel, Customer Customer, string Content, string? Grade, string AcceptingUnit,
        List<Attachment> Attachments, WorkOrderAction? Then);

    private static ValidRequest? Validate(Request request, Rulebook rules, Authority authority, FieldErrors errors)
    {
        var typeCode = errors.OneOf("type", request.Type, rules.Types.Keys);
        var type = typeCode is null ? null : rules.Types[typeCode];
        string? subtype = null;
        if (type is { Subtypes.Count: > 0 })
            subtype = errors.OneOf("subtype", request.Subtype, type.Subtypes.Select(s => s.Code));
        else if (request.Subtype is not null && type is not null)
            errors.Add("subtype", Problem.NoSubtypes(type.Code), $"'{type.Code}' has no subtypes");
        string? grade = null;
        if (type is { Grades.Count: > 0 })
            grade = errors.OneOf("grade", request.Grade, type.Grades.Select(g => g.Code), required: false);
        else if (request.Grade is not null && type is not null)
            errors.Add("grade", Problem.NotGraded(type.Code), $"'{type.Code}' is not graded");

        var channel = ParseChannel(request.Channel, errors);
        // The hotline's intake unit for those who work there (or above it); a business hall accepts in its own name.
        var acceptingUnit = request.AcceptingUnit ?? (authority.Covers(rules.IntakeUnit) ? rules.IntakeUnit : authority.Person.Unit);
        if (!rules.Org.Contains(acceptingUnit))
        {
            errors.Add("acceptingUnit", Problem.UnknownUnit(acceptingUnit), $"unknown org unit '{acceptingUnit}'");
            acceptingUnit = rules.IntakeUnit;
        }
        var content = errors.Required("content", request.Content);
        errors.MaxLength("content", content, rules.RulesFor(acceptingUnit).ContentMaxLength);
        var customer = ValidateCustomer(request.Customer, rules, errors);
        var attachments = AttachmentRequest.Validate(request.Attachments, errors);
        var then = ValidateNextStep(request.Then, rules, errors);

        return errors.Any ? null : new ValidRequest(typeCode!, subtype, channel!.Value, customer!, content!, grade, acceptingUnit, attachments, then);
    }

    // Only the shape here: whether the lifecycle allows the step, and what it needs, the order decides.
    private static WorkOrderAction? ValidateNextStep(NextStep? then, Rulebook rules, FieldErrors errors)
    {
        if (then is null)
            return null;
        var action = errors.OneOf("then.action", then.Action?.Trim(), rules.Actions.Select(a => a.Code));
        errors.MaxLength("then.unit", then.Unit, 64);
        errors.MaxLength("then.reason", then.Reason, 10_000);
        errors.MaxLength("then.comment", then.Comment, 100_000);
        errors.MaxLength("then.grade", then.Grade, 40);
        return action is null ? null : new WorkOrderAction(action, "", Blank(then.Unit), Blank(then.Reason), Blank(then.Comment), Grade: Blank(then.Grade));
    }

    // Channels as the API writes them (camelCase), built once: this runs on every intake.
    internal static readonly Dictionary<string, Channel> Channels =
        Enum.GetValues<Channel>().ToDictionary(c => char.ToLowerInvariant(c.ToString()[0]) + c.ToString()[1..]);

    private static Channel? ParseChannel(string? text, FieldErrors errors) =>
        errors.OneOf("channel", text, Channels.Keys) is { } code ? Channels[code] : null;

    private static Customer? ValidateCustomer(CustomerRequest? customer, Rulebook rules, FieldErrors errors)
    {
        if (customer is null)
        {
            errors.Add("customer", Problem.Required, "is required");
            return null;
        }
        var name = errors.MaxLength("customer.name", errors.Required("customer.name", customer.Name), 100);
        PhoneNumber phone = default;
        if (errors.Required("customer.phone", customer.Phone) is { } phoneText && !PhoneNumber.TryParse(phoneText, out phone))
            errors.Add("customer.phone", Problem.PhoneNumber(phoneText), $"'{phoneText}' is not a mainland China mobile or fixed-line number");
        var number = errors.MaxLength("customer.customerNumber", Blank(customer.CustomerNumber), 40);
        var address = errors.MaxLength("customer.address", Blank(customer.Address), 300);
        var areaCode = Blank(customer.AreaCode);
        if (areaCode is not null && !AreaCodeRegex().IsMatch(areaCode))
            errors.Add("customer.areaCode", Problem.AreaCode(areaCode), $"'{areaCode}' is not a 6-digit administrative area code");
        var customerClass = errors.OneOf("customer.class", Blank(customer.Class), rules.CustomerClasses.Select(c => c.Code), required: false);
        return name is null || phone == default ? null : new Customer(name, phone, number, address, areaCode, customerClass);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task<Results<Created<WorkOrderView>, Ok<WorkOrderView>, ValidationProblem, ProblemHttpResult>?> ReplayAsync(
        CloseloopDb db, Rulebooks rulebooks, Calendars calendars, DateTimeOffset now, string key, string requestHash, CancellationToken cancellationToken)
    {
        var earlier = await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Key == key, cancellationToken);
        if (earlier is null)
            return null;
        if (earlier.RequestHash != requestHash)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused for a different request",
                detail: "This key already created an order from another request body; use a new key for a new order.",
                extensions: new Dictionary<string, object?> { ["field"] = "Idempotency-Key" });
        }
        var order = await db.WorkOrders.AsNoTracking().SingleAsync(o => o.Id == earlier.WorkOrderId, cancellationToken);
        return TypedResults.Ok(await GetWorkOrder.ViewAsync(order, db, rulebooks, calendars, now, cancellationToken));
    }

    private static string Hash(Request request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StorageJson.Write(request))));

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex AreaCodeRegex();
}
