using Scorecard.Domain.Common;
using Scorecard.Domain.Organisations;

namespace Scorecard.Domain.Tests;

public class OrganisationTreeTests
{
    static Organisation Org(string name, OrganisationLevel level, Organisation? parent = null) =>
        new() { Id = Guid.NewGuid(), Name = name, Level = level, Parent = parent, ParentId = parent?.Id };

    [Fact]
    public void City_bureau_district_and_unit_nest_downwards()
    {
        var city = Org("臺北市政府", OrganisationLevel.City);
        var bureau = Org("臺北市政府民政局", OrganisationLevel.Bureau, city);
        var district = Org("臺北市北投區公所", OrganisationLevel.District, bureau);
        var unit = Org("民政課", OrganisationLevel.Unit, district);
        OrganisationTree.CheckParent(bureau, city);
        OrganisationTree.CheckParent(district, bureau);
        OrganisationTree.CheckParent(unit, district);
        Assert.Same(city, unit.Parent!.Parent!.Parent);
    }

    [Fact]
    public void A_bureau_cannot_sit_under_a_unit()
    {
        var unit = Org("總務組", OrganisationLevel.Unit);
        var e = Assert.Throws<DomainException>(() => OrganisationTree.CheckParent(Org("秘書處", OrganisationLevel.Bureau), unit));
        Assert.Contains("不能隸屬於", e.Message);
    }

    [Fact]
    public void An_organisation_cannot_be_moved_under_its_own_descendant()
    {
        var city = Org("臺北市政府", OrganisationLevel.City);
        var bureau = Org("秘書處", OrganisationLevel.Bureau, city);
        var unit = Org("總務組", OrganisationLevel.Unit, bureau);
        // A unit moved under itself through its own chain.
        Assert.Throws<DomainException>(() => OrganisationTree.CheckParent(unit, unit));
    }

    [Fact]
    public void A_named_but_unknown_parent_bureau_hangs_under_the_city_its_name_begins_with()
    {
        var city = Org("臺北市政府", OrganisationLevel.City);
        Assert.Same(city, OrganisationTree.CityOwning("臺北市政府民政局", [city]));
        Assert.Null(OrganisationTree.CityOwning("新北市政府民政局", [city]));
    }

    [Fact]
    public void A_city_arriving_late_adopts_the_bureaus_named_after_it_and_nothing_else()
    {
        var bureau = Org("臺北市政府民政局", OrganisationLevel.Bureau);
        var other = Org("新北市政府民政局", OrganisationLevel.Bureau);
        var district = Org("臺北市北投區公所", OrganisationLevel.District, bureau);
        var city = Org("臺北市政府", OrganisationLevel.City);
        Assert.Equal([bureau], OrganisationTree.OrphansOf(city, [bureau, other, district, city]));
    }

    [Fact]
    public void A_chain_runs_from_an_organisation_up_to_the_city_and_stops_at_a_loop()
    {
        Guid city = Guid.NewGuid(), bureau = Guid.NewGuid(), district = Guid.NewGuid(), a = Guid.NewGuid(), b = Guid.NewGuid();
        var parents = new Dictionary<Guid, Guid?> { [city] = null, [bureau] = city, [district] = bureau, [a] = b, [b] = a };
        Assert.Equal([district, bureau, city], OrganisationTree.Chain(district, parents));
        Assert.Equal([a, b], OrganisationTree.Chain(a, parents));
    }
}
